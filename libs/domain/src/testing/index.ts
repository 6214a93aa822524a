// Test data for specs and system tests: kept out of the main entry so it never reaches the workflow bundle.
export * from './service-request.fixture';
export * from './ticket-events.fixture';
export * from './ticket-lives';
