import type { LoggerService } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { AlertDispatcher } from '@escalade/alerting';
import { decideEligibility, decideHandoffTarget, type TicketAlert } from '@escalade/domain';
import { EventIdReuseError, StreamVersionConflictError, type EventStore } from '@escalade/event-store';
import { countStoredTicketEvents } from '@escalade/metrics';
import type { MicrosoftAnswer as MicrosoftFirstEngagement, MicrosoftSupport } from '@escalade/microsoft-support';
import { PartnerCenterCredentialsError, PartnerCenterRejectedError, PartnerCenterUnavailableError } from '@escalade/partner-center';
import type { JournalFaultStore, MicrosoftWatchStore } from '@escalade/persistence';
import {
  HANDOFF_BLOCKED_FAILURE,
  JOURNAL_FAULT_FAILURE,
  MICROSOFT_REJECTION_FAILURE,
  type MicrosoftAnswer,
  type HandoffBlockage,
  type MicrosoftRejection,
  type RecordTicketEventsInput,
  type SentAlertDelivery,
  type ServiceRequestActivities,
} from '@escalade/workflows';

export interface ActivityDependencies {
  microsoftSupport: MicrosoftSupport;
  alertDispatcher: AlertDispatcher;
  events: EventStore;
  microsoftWatches: MicrosoftWatchStore;
  journalFaults: JournalFaultStore;
  logger: LoggerService;
}

/** How many attempts an append may meet its stream at another version before that is a fault: the workflow is its only writer. */
const CONFLICT_ATTEMPTS = 5;

/** Why a ticket's stream cannot take its events, however often asked; undefined for what a retry may cure (an outage). */
function journalFault(err: unknown, attempt: number): string | undefined {
  if (err instanceof EventIdReuseError) return err.message;
  if (err instanceof StreamVersionConflictError && attempt >= CONFLICT_ATTEMPTS) return `${err.message} (attempt ${attempt})`;
  return undefined;
}

/**
 * Microsoft refusing the input is final: retrying the same request cannot help, so Temporal must not. Partner Center
 * asking us to wait (429 or 503 with Retry-After) sets when Temporal tries again: no sooner, however short its back-off.
 */
async function failFastOnRejection<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof PartnerCenterRejectedError) {
      const rejection: MicrosoftRejection = { status: err.status, code: err.code };
      throw ApplicationFailure.nonRetryable(err.message, MICROSOFT_REJECTION_FAILURE, rejection);
    }
    if (err instanceof PartnerCenterUnavailableError && err.retryAfterMs !== undefined) {
      throw ApplicationFailure.create({ message: err.message, type: err.name, nextRetryDelay: Math.max(err.retryAfterMs, 1) });
    }
    throw err;
  }
}

/** How long the due time's read of Microsoft may hold a breach alert back. */
const ANSWER_READ_LIMIT_MS = 3_000;

/** `read`'s answer, or a failure once `limitMs` has passed first. */
async function readWithin<T>(limitMs: number, read: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${limitMs} ms`)), limitMs);
  });
  try {
    return await Promise.race([read(), limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** The answer as the workflow keeps it: the ticket's progress then, reduced to the mark later changes are told from. */
function withProgressMark({ progress, ...answer }: MicrosoftFirstEngagement): MicrosoftAnswer {
  return { ...answer, seen: { status: progress.status, noteCount: progress.notes.length } };
}

/** The workflow's activities, built from injected dependencies; every one is safe to retry. */
export function createServiceRequestActivities({
  microsoftSupport,
  alertDispatcher,
  events,
  microsoftWatches,
  journalFaults,
  logger,
}: ActivityDependencies): ServiceRequestActivities {
  /** Since when filings have failed on our credentials, in this worker: the tickets one outage blocks share it. */
  let credentialsFailingSince: string | undefined;

  /** Appends the ticket's events at the version the workflow expects; a stream that can never take them fails unretried. */
  async function appendTicketEvents(
    streamId: string,
    workflowId: string,
    expectedStreamVersion: number,
    ticketEvents: RecordTicketEventsInput['events'],
  ): Promise<void> {
    try {
      const { appended } = await events.appendToStream(
        streamId,
        ticketEvents.map(({ eventId, type, data }) => ({ eventId, type, data, metadata: { workflowId } })),
        { expectedStreamVersion },
      );
      if (appended > 0) countStoredTicketEvents(ticketEvents);
    } catch (err) {
      const fault = journalFault(err, Context.current().info.attempt);
      if (fault === undefined) throw err;
      await journalFaults.record({ streamId, workflowId, reason: fault });
      logger.error(`ticket stream ${streamId} refused its events for good: ${fault}`);
      throw ApplicationFailure.nonRetryable(fault, JOURNAL_FAULT_FAILURE);
    }
  }

  async function sendAlert(alert: TicketAlert): Promise<SentAlertDelivery[]> {
    return (await alertDispatcher.send(alert)).map(({ deliveryId, delivered, heldUntil }) => ({
      deliveryId,
      delivered,
      ...(heldUntil ? { heldUntil } : {}),
    }));
  }

  return {
    async checkEligibility(request) {
      return decideEligibility(request);
    },

    async handOffToMicrosoft({ ticketId, request, followFor }) {
      const target = decideHandoffTarget(request);
      try {
        const { microsoftTicketId, createdAt } = await failFastOnRejection(() =>
          microsoftSupport.fileServiceRequest({ correlationId: ticketId, target, request }),
        );
        credentialsFailingSince = undefined;
        if (followFor) await microsoftWatches.follow({ ticketId, workflowId: followFor.workflowId, microsoftTicketId });
        return { target, microsoftTicketId, filedAt: createdAt };
      } catch (err) {
        if (!(err instanceof PartnerCenterCredentialsError)) throw err;
        credentialsFailingSince ??= new Date().toISOString();
        const blockage: HandoffBlockage = { reason: err.message, failingSince: credentialsFailingSince };
        throw ApplicationFailure.nonRetryable(err.message, HANDOFF_BLOCKED_FAILURE, blockage);
      }
    },

    // Only histories from before ONE_ALERT_PATH_PATCH call it: their escalation went out through the subscriptions too.
    async sendEscalationAlert({ ticketId, level, audience }) {
      logger.log(`escalation level ${level} → ${audience} of ticket ${ticketId}: alerted through the alert subscriptions`);
    },

    async recordTicketEvents({ streamId, workflowId, expectedStreamVersion, events: ticketEvents, alert }) {
      await appendTicketEvents(streamId, workflowId, expectedStreamVersion, ticketEvents);
      return alert ? sendAlert(alert) : undefined;
    },

    async prepareAlertDeliveries(alert) {
      return (await alertDispatcher.prepareDeliveries(alert)).map((delivery) => delivery.id);
    },

    sendAlert,

    async attemptAlertDelivery(deliveryId) {
      const outcome = await alertDispatcher.attempt(deliveryId);
      if (outcome.delivered) return;
      const message = `alert delivery ${deliveryId} failed: ${outcome.error ?? `HTTP ${outcome.httpStatus}`}`;
      throw outcome.retryable
        ? ApplicationFailure.retryable(message, 'AlertDeliveryFailed')
        : ApplicationFailure.nonRetryable(message, 'AlertDeliveryRejected');
    },

    async markAlertDeliveryDead({ deliveryId, reason }) {
      await alertDispatcher.markDead(deliveryId, reason);
    },

    async sendNoteToMicrosoft({ microsoftTicketId, text, ref }) {
      await failFastOnRejection(() => microsoftSupport.sendNote(microsoftTicketId, { text, ref }));
    },

    async closeMicrosoftTicket({ microsoftTicketId, unfollow }) {
      if (unfollow) await microsoftWatches.unfollow(microsoftTicketId);
      return failFastOnRejection(() => microsoftSupport.closeTicket(microsoftTicketId));
    },

    async followMicrosoftTicket(watch) {
      await microsoftWatches.follow(watch);
    },

    async unfollowMicrosoftTicket({ microsoftTicketId }) {
      await microsoftWatches.unfollow(microsoftTicketId);
    },

    async recordTaskTime(taskTime) {
      return taskTime;
    },

    async alertBreachUnlessAnswered({ microsoftTicketId, alert }) {
      // A retried attempt may follow one that sent the alert: it sends (none again) without asking Microsoft.
      if (Context.current().info.attempt === 1) {
        // Any failure to read (a rejection included) lets the alert go: no retry policy to steer here.
        const answer = await readWithin(ANSWER_READ_LIMIT_MS, () => microsoftSupport.findAnswer(microsoftTicketId)).catch((err: unknown) => {
          logger.warn(`reading Microsoft's ticket ${microsoftTicketId} at the due time failed; the breach goes out (corrected if its answer was in time): ${String(err)}`);
          return undefined;
        });
        if (answer) return { answer: withProgressMark(answer) };
      }
      return { sent: await sendAlert(alert) };
    },

    async checkMicrosoftAnswer({ microsoftTicketId }) {
      const answer = await failFastOnRejection(() => microsoftSupport.findAnswer(microsoftTicketId));
      return answer && withProgressMark(answer);
    },

    async watchMicrosoftTicket({ microsoftTicketId, pollIntervalMs }) {
      const context = Context.current();
      for (;;) {
        const answer = await failFastOnRejection(() => microsoftSupport.findAnswer(microsoftTicketId));
        if (answer) return withProgressMark(answer);
        context.heartbeat();
        await context.sleep(pollIntervalMs); // rejects once the workflow cancels the watch
      }
    },

    async watchMicrosoftChanges({ microsoftTicketId, pollIntervalMs, seen }) {
      const context = Context.current();
      for (;;) {
        const { status, notes } = await failFastOnRejection(() => microsoftSupport.getProgress(microsoftTicketId));
        if (status !== seen.status || notes.length > seen.noteCount) {
          return { status, newNotes: notes.slice(seen.noteCount), seen: { status, noteCount: notes.length } };
        }
        context.heartbeat();
        await context.sleep(pollIntervalMs);
      }
    },
  };
}
