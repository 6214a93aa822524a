import { CancellationScope, condition, isCancellation, log, patched, proxyActivities } from '@temporalio/workflow';
import { escalationSchedule, warningTime } from '@escalade/domain';
import type { MicrosoftAnswer, ServiceRequestActivities } from '../activities';
import { RECORDED_CLOCK_PATCH } from '../patches';
import type { Filing, TicketRun } from '../ticket/ticket-run';
import { recordAnswer } from './answer';
import { breach, breachUnlessAnswered, escalate, warn } from './escalation';
import { pollingActivities } from './polling-activities';
import { recordedClock, taskClock, type Clock } from './clocks';
import { waitUntil } from './wait-until';

// Asked once at the due time: a Microsoft that cannot be read within seconds leaves the breach to be corrected later.
const { checkMicrosoftAnswer } = proxyActivities<ServiceRequestActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumAttempts: 3 },
});

/**
 * Step 3: waits for Microsoft's first answer (or closure) through the warning, the breach and each ladder level (step
 * 4), each once; a severity change moves the due time and wakes the wait, so every mark is re-timed from it. The
 * answer, once there, is recorded with its verdict.
 */
export async function awaitResponse(run: TicketRun, filing: Filing): Promise<void> {
  const interval = run.microsoftPollIntervalMs;
  const watcher = interval && !filing.followedByPoller ? watchForAnswer(run, filing.microsoftTicketId, interval) : undefined;
  run.awaitingResponse = true;
  await markTheWait(run, filing, patched(RECORDED_CLOCK_PATCH) ? recordedClock : taskClock);
  watcher?.cancel();
  await recordAnswer(run, filing);
}

/** Each mark in turn, on the time `clock` reads: a mark already past is not waited for. */
async function markTheWait(run: TicketRun, filing: Filing, clock: Clock): Promise<void> {
  const { inbox, policy } = run;
  const answeredOrClosed = () => !!inbox.response || !!inbox.closeRequest;
  const woken = () => answeredOrClosed() || inbox.clockChanged;
  for (;;) {
    inbox.clockChanged = false;
    if (answeredOrClosed()) return;
    const ticket = run.ticket.state;
    const filedAt = new Date(ticket.handoff?.filedAt as string);
    const responseDueAt = ticket.responseDueAt as string;
    const dueAt = new Date(responseDueAt);
    const reading = clock();
    // The task's clock is read without an await: one more would reorder the commands of the histories that read it.
    const now = typeof reading === 'number' ? reading : await reading;
    if (!ticket.warnedAt && !ticket.breached && now < dueAt.getTime()) {
      const warnAt = warningTime(filedAt, dueAt, policy);
      if (await waitUntil(woken, warnAt, now)) continue;
      // Heard of only once the due time has passed too (the worker or Temporal was down): the breach decision is next.
      const later = clock();
      if (filing.slaFromSource && (typeof later === 'number' ? later : await later) >= dueAt.getTime()) continue;
      await warn(run, warnAt);
      continue;
    }
    if (!ticket.breached) {
      if (await waitUntil(woken, dueAt, now)) continue;
      if (filing.slaFromSource && run.microsoftPollIntervalMs !== undefined) {
        // Microsoft may have answered since it was last read: a breach is declared only on what it says now.
        const found = run.fewerRoundTrips
          ? await breachUnlessAnswered(run, filing.microsoftTicketId, responseDueAt)
          : await checkAnswer(filing.microsoftTicketId);
        if (run.fewerRoundTrips && !found) continue; // breached
        if (found) {
          inbox.microsoftSeen = found.seen;
          inbox.answeredByMicrosoft(found, run.ticket.state.status);
        }
        if (woken()) continue;
      }
      await breach(run, responseDueAt);
      continue;
    }
    const level = escalationSchedule(filedAt, dueAt, policy)[ticket.escalations.length];
    if (!level) {
      await condition(woken);
      continue;
    }
    if (await waitUntil(woken, level.at, now)) continue;
    await escalate(run, level.level, level.audience, responseDueAt);
  }
}

/** Microsoft's answer as Partner Center tells it now; undefined when there is none or it cannot be read. */
async function checkAnswer(microsoftTicketId: string): Promise<MicrosoftAnswer | undefined> {
  try {
    return await checkMicrosoftAnswer({ microsoftTicketId });
  } catch (err) {
    if (isCancellation(err)) throw err;
    log.warn('reading Microsoft at the due time failed; a breach declared now is corrected if its answer was in time', { err });
    return undefined;
  }
}

/** Reads Microsoft's answer back from Partner Center while the ticket waits (tickets from before the watch poller). */
function watchForAnswer(run: TicketRun, microsoftTicketId: string, pollIntervalMs: number): CancellationScope {
  const scope = new CancellationScope();
  scope
    .run(() => pollingActivities(pollIntervalMs).watchMicrosoftTicket({ microsoftTicketId, pollIntervalMs }))
    .then((answer) => {
      run.inbox.microsoftSeen = answer.seen;
      run.inbox.answered(
        { note: answer.note, respondedBy: answer.answeredBy, attentionNeeded: answer.kind === 'attention-needed' },
        run.ticket.state.status,
      );
    })
    .catch((err: unknown) => {
      if (!isCancellation(err)) log.warn('watching Microsoft for an answer failed; a coordinator can still record it', { err });
    });
  return scope;
}
