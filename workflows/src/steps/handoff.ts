import { ActivityFailure, ApplicationFailure, CancellationScope, condition, patched, proxyActivities } from '@temporalio/workflow';
import { responseDeadline, timeFromSource, type HandoffRejected } from '@escalade/domain';
import type { HandOffInput, HandOffResult, ServiceRequestActivities } from '../activities';
import { MICROSOFT_REJECTION_FAILURE, type HandoffBlockage, type MicrosoftRejection } from '../definitions';
import { HANDOFF_BLOCKED_PATCH, HANDOFF_REJECTION_PATCH, MICROSOFT_WATCH_POLLER_PATCH, SLA_FROM_SOURCE_PATCH } from '../patches';
import type { Filing, TicketRun } from '../ticket/ticket-run';
import { blockedRetryDelayMs, handoffBlockage } from './handoff-blocked';

// Partner Center's client gives up on a call after 15 s.
const { handOffToMicrosoft } = proxyActivities<ServiceRequestActivities>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const { followMicrosoftTicket } = proxyActivities<ServiceRequestActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Step 2: files the ticket with Microsoft through the portal the seed prescribes and starts the response clock;
 * 'rejected' once Microsoft has rejected the filing, 'closed' when a coordinator closes it while it waits.
 */
export async function handOff(run: TicketRun): Promise<Filing | 'closed' | 'rejected'> {
  run.ticket.publish();
  const filed = await file(run);
  if (filed === 'closed' || filed === 'rejected') return filed;
  // Added after tickets were already filed: those replay as they ran, their clock from when the filing was heard of,
  // answered when first heard of, polled by an activity.
  const slaFromSource = patched(SLA_FROM_SOURCE_PATCH);
  const followedByPoller = run.microsoftPollIntervalMs !== undefined && patched(MICROSOFT_WATCH_POLLER_PATCH);
  const { target, microsoftTicketId } = filed;
  // Microsoft's own creation time: a filing retried after a crash does not start the clock late.
  const filedAt = slaFromSource ? timeFromSource(filed.filedAt, new Date(), new Date(run.ticket.state.receivedAt)) : new Date();
  const responseDueAt = responseDeadline(filedAt, run.request, run.policy).toISOString();
  await run.ticket.apply(
    { type: 'HandedOff', data: { ...target, microsoftTicketId, filedAt: filedAt.toISOString() } },
    { type: 'ResponseDueTimeSet', data: { severity: run.ticket.state.severity, responseDueAt } },
  );
  if (followedByPoller && !run.fewerRoundTrips) {
    await CancellationScope.nonCancellable(() => followMicrosoftTicket({ ticketId: run.key, workflowId: run.workflowId, microsoftTicketId }));
  }
  run.filing = { microsoftTicketId, followedByPoller, slaFromSource };
  return run.filing;
}

/**
 * While our credentials fail it waits and tries again (the same filing: Microsoft's ticket is created once), or
 * 'closed' when a coordinator closes the ticket meanwhile.
 */
async function file(run: TicketRun): Promise<HandOffResult | 'closed' | 'rejected'> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      // Once asked, the filing runs to its end: a ticket cancelled meanwhile still records Microsoft's number.
      const filing = () => handOffToMicrosoft({ ticketId: run.key, request: run.request, ...followedByTheFiling(run) });
      return await (run.cancelSafe ? CancellationScope.nonCancellable(filing) : filing());
    } catch (err) {
      const blockage = handoffBlockage(err);
      if (blockage && patched(HANDOFF_BLOCKED_PATCH)) {
        await blocked(run, blockage);
        if (await condition(() => !!run.inbox.closeRequest, blockedRetryDelayMs(attempt))) return 'closed';
        continue;
      }
      const rejection = microsoftRejection(err);
      // Added after tickets had failed on a rejection: their histories replay failing as they did (see README, versioning).
      if (!rejection || !patched(HANDOFF_REJECTION_PATCH)) throw err;
      await run.ticket.apply({ type: 'HandoffRejected', data: rejection });
      return 'rejected';
    }
  }
}

/** Since FEWER_ROUND_TRIPS_PATCH the filing itself has the watch poller follow Microsoft's ticket (see `handOff`). */
function followedByTheFiling(run: TicketRun): Pick<HandOffInput, 'followFor'> {
  return run.fewerRoundTrips && run.microsoftPollIntervalMs !== undefined ? { followFor: { workflowId: run.workflowId } } : {};
}

/** Recorded once per ticket; the alert once per outage, shared by every ticket it blocks. */
async function blocked(run: TicketRun, { reason, failingSince }: HandoffBlockage): Promise<void> {
  if (run.ticket.state.handoffBlocked) return;
  const blockedAt = new Date().toISOString();
  await run.raise(
    [{ type: 'HandoffBlocked', data: { reason, blockedAt } }],
    'handoff-blocked',
    () => `Tickets cannot be filed with Microsoft: our Partner Center credentials fail (${reason})`,
    'after',
    { key: `partner-center-credentials:${failingSince || blockedAt}` },
  );
}

/** What Microsoft said when it rejected an activity's call (see MICROSOFT_REJECTION_FAILURE); undefined for any other failure. */
function microsoftRejection(err: unknown): HandoffRejected['data'] | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : undefined;
  if (!(cause instanceof ApplicationFailure) || cause.type !== MICROSOFT_REJECTION_FAILURE) return undefined;
  const { status, code } = (cause.details?.[0] ?? {}) as Partial<MicrosoftRejection>;
  return { reason: cause.message, status, code };
}
