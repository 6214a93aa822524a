module.exports = {
  displayName: 'system',
  preset: '../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  globalSetup: '<rootDir>/global-setup.cjs',
  testTimeout: 60_000,
};
