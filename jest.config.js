// `npm test` runs every project; `nx test <project>` runs one.
module.exports = {
  projects: [
    '<rootDir>/libs/domain',
    '<rootDir>/libs/config',
    '<rootDir>/libs/event-store',
    '<rootDir>/libs/persistence',
    '<rootDir>/libs/alerting',
    '<rootDir>/libs/microsoft-support',
    '<rootDir>/libs/secrets',
    '<rootDir>/libs/logging',
    '<rootDir>/libs/metrics',
    '<rootDir>/libs/partner-center',
    '<rootDir>/apps/api',
    '<rootDir>/apps/worker',
    '<rootDir>/apps/ms-simulator',
    '<rootDir>/apps/console',
    '<rootDir>/test',
  ],
  // Global, not per project: the system tests (real servers, time-skipping, Chromium) need more than Jest's 5 s on a
  // busy 2-core machine; a project's own testTimeout is ignored under `npm test`.
  testTimeout: 60_000,
};
