import { randomBytes } from 'node:crypto';
import { localSecret } from '@escalade/secrets';

export const METRICS_TOKEN_FILE = 'metrics.token';

export interface MetricsTokenSettings {
  NODE_ENV: string;
  DATA_DIR: string;
  METRICS_TOKEN?: string;
}

/**
 * The token `/metrics` asks for: METRICS_TOKEN; unset, local mode's own, made once in `DATA_DIR/metrics.token` (mode
 * 0600) and read by the API and the worker alike; undefined in production without one (metrics are off).
 */
export function metricsTokenOf({ NODE_ENV, DATA_DIR, METRICS_TOKEN }: MetricsTokenSettings): string | undefined {
  if (METRICS_TOKEN) return METRICS_TOKEN;
  if (NODE_ENV === 'production') return undefined;
  return localSecret(DATA_DIR, METRICS_TOKEN_FILE, () => randomBytes(32).toString('base64url'));
}
