import { patched } from '@temporalio/workflow';
import { accessTimeoutMs } from '@escalade/domain';
import { AZURE_ACCESS_REMINDER_PATCH } from '../patches';
import type { TicketRun } from '../ticket/ticket-run';
import { waitUntil } from './wait-until';

/** Step 1b: an indirect provider's reseller ticket waits for the provider to grant access to the customer's Azure account. */
export async function awaitAzureAccess(run: TicketRun): Promise<'granted' | 'closed' | 'access-timed-out'> {
  const { ticket, inbox, policy } = run;
  const accessTimeout = new Date(Date.now() + accessTimeoutMs(policy));
  const timesOutAt = accessTimeout.toISOString();
  await ticket.apply({ type: 'AzureAccessAwaited', data: { timesOutAt } });
  const accessOrClose = () => !!inbox.accessGrant || !!inbox.closeRequest;
  // Added after tickets were already waiting: those replay without the reminder's timer (see README, versioning).
  if (patched(AZURE_ACCESS_REMINDER_PATCH)) {
    const remindAt = new Date(Date.now() + accessTimeoutMs(policy) / 2);
    if (!(await waitUntil(accessOrClose, remindAt))) {
      await ticket.apply({ type: 'AzureAccessReminded', data: { timesOutAt } });
    }
  }
  if (!(await waitUntil(accessOrClose, accessTimeout))) return 'access-timed-out';
  if (inbox.closeRequest) return 'closed';
  const { grantedBy, by } = inbox.accessGrant ?? {};
  await ticket.apply({ type: 'AzureAccessGranted', data: { grantedBy, ...(by ? { by } : {}) } });
  return 'granted';
}
