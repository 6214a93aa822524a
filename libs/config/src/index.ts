export * from './app-config';
export * from './app-config.module';
export * from './sla-policy.loader';
export * from './ticket-policy';
export * from './support-topic-names.loader';
export { identityConfigured, identityProblems } from './identity.config';
export { allowedHostProblem, bareIpAddress } from './alert-allowed-hosts';
