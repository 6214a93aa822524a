// Test helpers for specs and system tests: kept out of the main entry so they never reach production code.
export * from './webhook-alert.fixture';
export * from './webhook-receiver';
export * from './smtp-receiver';
export * from './adaptive-card-problems';
export * from './loopback-outbound';
export * from './canary-server';
