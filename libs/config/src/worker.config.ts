import { z } from 'zod';

/** The worker process's own HTTP server: probes and metrics (it serves no API). */
export const workerSchema = {
  /** Where the worker serves `/health/live`, `/health/ready` and `/metrics`, on HOST; 0 picks a free port. */
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  /** Readiness fails once the tickets read model is this many events behind the log (the worker's projector is stuck). */
  PROJECTION_LAG_LIMIT: z.coerce.number().int().min(1).default(10_000),
};
