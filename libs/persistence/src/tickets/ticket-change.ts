import type { TicketEvent, TicketSummary } from '@escalade/domain';
import type { RecordedEvent } from '@escalade/event-store';
import { ticketRowProblem, type ColumnShape } from './ticket-row.check';

/** The read model's fold: the domain's evolveTicketSummary, or a fixed one in tests. */
export type TicketEvolve = (summary: TicketSummary | undefined, event: TicketEvent, version: number) => TicketSummary;

const TICKET_STREAM_PREFIX = 'ticket-';

export const isTicketStream = (streamId: string): boolean => streamId.startsWith(TICKET_STREAM_PREFIX);

/** The ticket's key: `<partner tenant>~<id>`, or the bare id of a ticket opened before ids were per partner. */
export const ticketKeyOf = (streamId: string): string => streamId.slice(TICKET_STREAM_PREFIX.length);

/** A ticket's row folded forward, event by event, with the events folded into it since it was read. */
export class TicketChange {
  readonly applied: RecordedEvent[] = [];

  constructor(
    readonly key: string,
    public row: TicketSummary | undefined,
    private readonly evolve: TicketEvolve,
    private readonly columns: readonly ColumnShape[],
  ) {}

  /** Folds the event in, or says why it cannot be (the row stays as it was); an event already in the row is skipped. */
  fold(event: RecordedEvent): string | undefined {
    if (this.row && event.streamVersion <= this.row.version) return undefined;
    let next: TicketSummary | undefined;
    try {
      next = this.evolve(this.row, event as unknown as TicketEvent, event.streamVersion);
    } catch (error) {
      return `the fold failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    const problem = ticketRowProblem(next, this.key, this.columns);
    if (problem) return `the row would be invalid: ${problem}`;
    this.row = next;
    this.applied.push(event);
    return undefined;
  }

  /** Folds the events in order up to the first that cannot be folded: that one, and why. */
  foldAll(events: RecordedEvent[]): { event: RecordedEvent; problem: string } | undefined {
    for (const event of events) {
      const problem = this.fold(event);
      if (problem) return { event, problem };
    }
    return undefined;
  }
}
