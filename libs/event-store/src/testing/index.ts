// The event store's test databases (SQLite, and PostgreSQL when TEST_DATABASE_URL is set), for this and other libraries' specs.
export * from './event-store-test-databases';
