import { allHandlersFinished, CancellationScope, condition, patched, proxyActivities } from '@temporalio/workflow';
import { ticketClosed, type TicketOutcome } from '@escalade/domain';
import type { ServiceRequestActivities } from '../activities';
import { MICROSOFT_IN_STEP_PATCH } from '../patches';
import type { TicketRun } from '../ticket/ticket-run';

const { unfollowMicrosoftTicket } = proxyActivities<ServiceRequestActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Step 5: closes the ticket however its lifecycle ended, and Microsoft's with it; runs to its end even when the
 * ticket was cancelled, and lets the alerts already raised be delivered first.
 */
export async function closeTicket(run: TicketRun, outcome: TicketOutcome): Promise<void> {
  const { ticket, inbox } = run;
  await CancellationScope.nonCancellable(async () => {
    // Notes a change answered before they were sent (FEWER_ROUND_TRIPS_PATCH) are told and recorded before the closure.
    if (run.fewerRoundTrips) await run.inStep.told();
    await run.raise([ticketClosed(ticket.state, outcome, new Date(), inbox.closeRequest)], 'closure', () => {
      const { resolution } = ticket.state;
      return `Ticket ${run.id} closed: ${outcome}${resolution ? ` — ${resolution}` : ''}`;
    }, 'after');
    const microsoftTicketId = ticket.state.handoff?.microsoftTicketId;
    // Added after tickets had closed leaving Microsoft's open: those replay without closing it.
    const followed = !!run.filing?.followedByPoller;
    if (microsoftTicketId && patched(MICROSOFT_IN_STEP_PATCH)) await run.inStep.close(microsoftTicketId, followed && run.fewerRoundTrips);
    if (followed && microsoftTicketId && !run.fewerRoundTrips) await unfollowMicrosoftTicket({ microsoftTicketId });
    await run.alerts.settled();
    // Lets a pending `close` update return the final state before the workflow completes.
    await condition(allHandlersFinished);
  });
}
