export * from './wire';
export * from './partner-center.errors';
export * from './partner-center.client';
export * from './partner-center-microsoft-support';
