export * from './definitions';
export * from './patches';
export type * from './activities';
export type { serviceRequestWorkflow } from './service-request.workflow';
