import { z } from 'zod';

/** Who may read `/metrics` on the API and the worker. */
export const metricsSchema = {
  /**
   * The bearer token Prometheus sends to `/metrics` (API and worker): `Authorization: Bearer <METRICS_TOKEN>`. Unset:
   * local mode keeps one in `DATA_DIR/metrics.token`; production serves no metrics (404).
   */
  METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{16,}$/, 'must be at least 16 printable characters without spaces (openssl rand -hex 32)')
    .optional(),
};
