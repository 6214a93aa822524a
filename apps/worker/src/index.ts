// The worker's public entry for the system tests (test/) and the tools (tools/): its Temporal worker, the workflow
// code it bundles, its activities and Microsoft poller. main.ts stays the only start; nothing in the worker imports it.
import type { Type } from '@nestjs/common';

export { TemporalWorkerService } from './temporal/temporal-worker.service';
export { workflowSourceOptions } from './temporal/workflow-code';
export { createServiceRequestActivities } from './activities/service-request.activities';
export { MicrosoftWatchPoller } from './microsoft/microsoft-watch.poller';
export { mapConcurrently } from './microsoft/map-concurrently';

/** WorkerModule, loaded on demand: its configuration module reads the environment as it loads, so set it first. */
export async function loadWorkerModule(): Promise<Type<unknown>> {
  return (await import('./worker.module')).WorkerModule;
}
