export * from './wire';
export * from './partner-center.errors';
export * from './access-token-source';
export * from './partner-center.client';
export * from './partner-center-microsoft-support';
export * from './credentials';
export * from './support-topics';
export { firstAnswerIn, progressOf } from './service-request-reading';
