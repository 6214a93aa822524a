export * from './scraped-metrics';
