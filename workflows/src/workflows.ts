// The module the worker bundles: every workflow function it registers.
export { serviceRequestWorkflow } from './service-request.workflow';
