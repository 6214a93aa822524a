export * from './app-config';
export * from './app-config.module';
export * from './sla-policy.loader';
export * from './ticket-policy';
export * from './support-topic-names.loader';
export { identityConfigured, identityProblems } from './identity.config';
export { allowedHostProblem, bareIpAddress } from './alert-allowed-hosts';
export { temporalConnection, type TemporalConnection } from './temporal-connection';
export { loggingSchema, loggingSettingsOf, type LoggingSettings, type LogLevel } from './logging.config';
