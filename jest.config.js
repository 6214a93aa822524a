// `npm test` runs every project; `nx test <project>` runs one.
module.exports = {
  projects: [
    '<rootDir>/libs/domain',
    '<rootDir>/libs/config',
    '<rootDir>/libs/event-store',
    '<rootDir>/libs/persistence',
    '<rootDir>/libs/microsoft-support',
    '<rootDir>/libs/partner-center',
    '<rootDir>/apps/api',
    '<rootDir>/apps/worker',
    '<rootDir>/apps/ms-simulator',
    '<rootDir>/apps/console',
    '<rootDir>/test',
  ],
};
