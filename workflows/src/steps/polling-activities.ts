import { proxyActivities } from '@temporalio/workflow';
import type { ServiceRequestActivities } from '../activities';

/**
 * The polling activities of tickets started before the watch poller: they run as long as the ticket waits; the
 * heartbeat, a few poll intervals long, tells a crashed worker from a slow Microsoft, so another worker takes over soon.
 */
export function pollingActivities(pollIntervalMs: number) {
  return proxyActivities<ServiceRequestActivities>({
    startToCloseTimeout: '7 days',
    heartbeatTimeout: Math.max(3 * pollIntervalMs, 5_000),
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
  });
}
