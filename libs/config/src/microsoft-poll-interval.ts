import type { SlaPolicy } from '@escalade/domain';
import type { AppConfig } from './app-config';

/** The least MICROSOFT_POLL_INTERVAL_MS accepts, kept on a compressed clock too. */
const MIN_INTERVAL_MS = 100;

/**
 * How often Microsoft is asked about the tickets waiting for it: MICROSOFT_POLL_INTERVAL_MS, shortened as much as
 * the SLA clock is compressed (a demo, a black-box test). Undefined for the in-process Microsoft, which cannot be asked.
 */
export function microsoftPollIntervalMs(
  config: Pick<AppConfig, 'MICROSOFT_SUPPORT' | 'MICROSOFT_POLL_INTERVAL_MS'>,
  policy: Pick<SlaPolicy, 'timeScale'>,
): number | undefined {
  if (config.MICROSOFT_SUPPORT === 'in-process') return undefined;
  return Math.max(MIN_INTERVAL_MS, Math.round(config.MICROSOFT_POLL_INTERVAL_MS * Math.min(1, policy.timeScale)));
}
