import { ActivityFailure, ApplicationFailure, CancellationScope, proxyActivities } from '@temporalio/workflow';
import type { TicketAlert, TicketEvent } from '@escalade/domain';
import type { SentAlertDelivery, ServiceRequestActivities } from '../activities';
import { JOURNAL_FAULT_FAILURE, ticketStreamId } from '../definitions';

// A short time-out: an append lost with a crashed worker is retried soon, and the ticket waits on it.
const { recordTicketEvents } = proxyActivities<ServiceRequestActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Writes the ticket's events to its stream, in order. The workflow is the stream's only writer, so it
 * knows the next version; event ids are derived from it, so a retried or replayed append stores nothing twice.
 */
export class TicketJournal {
  private version = 0;
  private tail: Promise<unknown> = Promise.resolve();

  /**
   * `nonCancellable`: appends run to the end even when the ticket is cancelled meanwhile. A cancelled append leaves the
   * stream short of the version the next one expects, and every later append then conflicts for good.
   */
  constructor(
    private readonly ticketId: string,
    private readonly workflowId: string,
    private readonly options: { nonCancellable?: boolean; onFault?: (reason: string) => void } = {},
  ) {}

  /** Why the stream refused the ticket's events for good; nothing more is recorded after it, the ticket goes on. */
  private fault?: string;

  /** Appends in call order, even when an update handler records while the main flow does. */
  record(...events: TicketEvent[]): Promise<void> {
    return this.append(events) as Promise<void>;
  }

  /**
   * Appends, then sends the alert by the same activity once the events are stored: its deliveries' first tries.
   * Undefined when the alert is not sent (the stream refused the events for good): it is the caller's to send.
   */
  recordAlerting(alert: TicketAlert, events: TicketEvent[]): Promise<SentAlertDelivery[] | undefined> {
    return this.append(events, alert) as Promise<SentAlertDelivery[] | undefined>;
  }

  // The chain of promises is the one tickets have always run: another await would move commands of older histories.
  private append(events: TicketEvent[], alert?: TicketAlert): Promise<SentAlertDelivery[] | void> {
    const streamId = ticketStreamId(this.ticketId);
    const expectedStreamVersion = this.version;
    this.version += events.length;
    const call = () =>
      recordTicketEvents({
        streamId,
        workflowId: this.workflowId,
        expectedStreamVersion,
        events: events.map((event, i) => ({ ...event, eventId: `${streamId}:${expectedStreamVersion + i + 1}` })),
        ...(alert ? { alert } : {}),
      });
    const guarded = () => (this.fault === undefined ? call().catch((err: unknown) => this.faulted(err)) : Promise.resolve());
    const append = this.options.nonCancellable ? () => CancellationScope.nonCancellable(guarded) : guarded;
    const appended = this.tail.then(append, append);
    this.tail = appended;
    return appended;
  }

  private faulted(err: unknown): void {
    const cause = err instanceof ActivityFailure ? err.cause : undefined;
    if (!(cause instanceof ApplicationFailure) || cause.type !== JOURNAL_FAULT_FAILURE) throw err;
    this.fault = cause.message;
    this.options.onFault?.(cause.message);
  }
}
