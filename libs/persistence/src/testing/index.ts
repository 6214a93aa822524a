// Migrated test databases with every table of the application, for specs and system tests.
export * from './test-databases';
