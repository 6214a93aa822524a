import type { LoggerService } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { MicrosoftSupport, MicrosoftTicket } from '@escalade/microsoft-support';
import type { MicrosoftWatchEntity, MicrosoftWatchStore } from '@escalade/persistence';
import type { MicrosoftTicketUpdate } from '@escalade/workflows';
import { mapConcurrently } from './map-concurrently';

/** Sends the `microsoftTicketUpdated` signal to the workflow. */
export type SignalWorkflow = (workflowId: string, update: MicrosoftTicketUpdate) => Promise<void>;

export interface MicrosoftWatchPollerOptions {
  microsoftSupport: MicrosoftSupport;
  watches: MicrosoftWatchStore;
  signal: SignalWorkflow;
  /** The pause between the end of a cycle and the start of the next. */
  intervalMs: number;
  logger: LoggerService;
  /** Signals in flight at once. */
  concurrency?: number;
}

/** What one cycle did: tickets listed at Microsoft, watches read, changed tickets, and what became of their signals. */
export interface PollFigures {
  listed: number;
  watched: number;
  changed: number;
  signalled: number;
  /** The workflow is gone (completed, or never was): the watch was dropped. */
  dropped: number;
  /** The signal failed: the mark stays, so the next cycle sends the update again. */
  failed: number;
}

type Delivery = 'signalled' | 'dropped' | 'failed';

const DEFAULT_CONCURRENCY = 16;

/**
 * Follows every watched ticket at Microsoft with one list call a cycle, instead of a polling activity a ticket, and
 * signals the workflows whose ticket changed. At least once: the mark moves only after the signal went out.
 */
export class MicrosoftWatchPoller {
  private readonly concurrency: number;
  private stopped = true;
  private timer?: NodeJS.Timeout;
  private cycle?: Promise<void>;

  constructor(private readonly options: MicrosoftWatchPollerOptions) {
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  }

  /** The first cycle at once, then one `intervalMs` after each cycle ends. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.cycle = this.runCycle();
  }

  /** No cycle starts after this; resolves once the cycle in flight, if any, has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.cycle;
  }

  async pollOnce(): Promise<PollFigures> {
    const { microsoftSupport, watches, logger, intervalMs } = this.options;
    let tickets: MicrosoftTicket[];
    try {
      tickets = await microsoftSupport.listTickets();
    } catch (err) {
      logger.warn(`Could not list the tickets at Microsoft (next try in ${intervalMs} ms): ${messageOf(err)}`);
      return { listed: 0, watched: 0, changed: 0, signalled: 0, dropped: 0, failed: 0 };
    }
    const listed = new Map(tickets.map((ticket) => [ticket.microsoftTicketId, ticket]));
    const watched = await watches.all();
    const changes = watched.flatMap((watch) => {
      const ticket = listed.get(watch.microsoftTicketId);
      return ticket && hasChanged(watch, ticket) ? [{ watch, ticket }] : [];
    });
    const deliveries = await mapConcurrently(changes, this.concurrency, ({ watch, ticket }) => this.deliver(watch, ticket));
    const count = (delivery: Delivery) => deliveries.filter((d) => d === delivery).length;
    return {
      listed: tickets.length,
      watched: watched.length,
      changed: changes.length,
      signalled: count('signalled'),
      dropped: count('dropped'),
      failed: count('failed'),
    };
  }

  private async runCycle(): Promise<void> {
    try {
      const figures = await this.pollOnce();
      if (figures.changed > 0) {
        this.options.logger.log(
          `${figures.changed} of ${figures.watched} watched tickets changed at Microsoft: ` +
            `${figures.signalled} signalled, ${figures.dropped} dropped, ${figures.failed} to retry`,
        );
      }
    } catch (err) {
      this.options.logger.error(`The Microsoft watch cycle failed (next try in ${this.options.intervalMs} ms): ${messageOf(err)}`);
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.cycle = this.runCycle();
    }, this.options.intervalMs);
  }

  private async deliver(watch: MicrosoftWatchEntity, { progress: { status, notes }, answer }: MicrosoftTicket): Promise<Delivery> {
    const { signal, watches, logger } = this.options;
    const update: MicrosoftTicketUpdate = {
      status,
      fromNoteCount: watch.noteCount,
      newNotes: notes.slice(watch.noteCount),
      ...(answer ? { answer } : {}),
    };
    try {
      await signal(watch.workflowId, update);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) {
        logger.warn(`Could not signal ${watch.workflowId} that Microsoft ticket ${watch.microsoftTicketId} changed: ${messageOf(err)}`);
        return 'failed';
      }
      await watches.unfollow(watch.microsoftTicketId);
      return 'dropped';
    }
    await watches.mark(watch.microsoftTicketId, { status, noteCount: notes.length });
    return 'signalled';
  }
}

function hasChanged(watch: MicrosoftWatchEntity, { progress }: MicrosoftTicket): boolean {
  return progress.status !== watch.status || progress.notes.length > watch.noteCount;
}

/** The message alone: Partner Center's errors name the operation and the status, never the token. */
function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
