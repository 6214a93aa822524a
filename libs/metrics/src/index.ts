export * from './process-registry';
export * from './series';
export * from './ticket-event-counts';
export * from './metrics-token';
export * from './metrics-token.guard';
export * from './metrics-scrape';
export * from './metrics.module';
