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
    await ticket.apply(ticketClosed(ticket.state, outcome, new Date(), inbox.closeRequest));
    const { resolution } = ticket.state;
    run.alert('closure', `Ticket ${run.id} closed: ${outcome}${resolution ? ` — ${resolution}` : ''}`);
    const microsoftTicketId = ticket.state.handoff?.microsoftTicketId;
    // Added after tickets had closed leaving Microsoft's open: those replay without closing it.
    if (microsoftTicketId && patched(MICROSOFT_IN_STEP_PATCH)) await run.inStep.close(microsoftTicketId);
    if (run.filing?.followedByPoller && microsoftTicketId) await unfollowMicrosoftTicket({ microsoftTicketId });
    await run.alerts.settled();
    // Lets a pending `close` update return the final state before the workflow completes.
    await condition(allHandlersFinished);
  });
}
