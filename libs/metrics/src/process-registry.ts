import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * What this process counts as things happen, wherever they happen (the API's requests, the worker's activities, the
 * libraries' calls out): one registry for the process, which every app's `/metrics` serves.
 */
export const processRegistry = new Registry();

let defaultsCollected = false;

/** Node's own figures (CPU, memory, event loop, GC) under their usual names, once a server exposes them. */
export function collectProcessDefaults(): void {
  if (defaultsCollected) return;
  collectDefaultMetrics({ register: processRegistry });
  defaultsCollected = true;
}
