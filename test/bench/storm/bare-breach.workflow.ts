import { proxyActivities, sleep } from '@temporalio/workflow';
import type { BareBreachActivities } from './bare-breach.activities';

const { postBreach } = proxyActivities<BareBreachActivities>({ startToCloseTimeout: '1 minute' });

/**
 * The baseline of `npm run bench:breach-lateness`: a timer that fires at `dueAt`, then one activity that posts the
 * breach to the receiver. What Temporal itself takes from a timer's due time to an HTTP request sent.
 */
export async function bareBreachWorkflow(ticketId: string, dueAt: string): Promise<void> {
  await sleep(Date.parse(dueAt) - Date.now());
  await postBreach(ticketId, dueAt);
}
