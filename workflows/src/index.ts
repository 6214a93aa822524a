export * from './definitions';
export type * from './activities';
export type { serviceRequestWorkflow } from './service-request.workflow';
