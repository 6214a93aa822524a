import type { TicketSummary } from '@escalade/domain';
import type { EventStore } from '@escalade/event-store';
import { isTicketStream, ticketKeyOf, type TicketChange } from './ticket-change';

const PAGE = 10_000;

/** What the read model should hold according to the log. */
export interface FoldedTicketLog {
  rows: Map<string, TicketSummary>;
  /** Tickets with an event that cannot be folded: the first such event, and why (their row stops before it). */
  refused: Map<string, { position: number; problem: string }>;
}

/** Folds every ticket of the log, up to position `upTo`, in memory: one row per ticket, the way the projection does. */
export async function foldTicketLog(
  events: EventStore,
  upTo: number,
  changeOf: (key: string, row: TicketSummary | undefined) => TicketChange,
): Promise<FoldedTicketLog> {
  const folded: FoldedTicketLog = { rows: new Map(), refused: new Map() };
  for (let after = 0; after < upTo; ) {
    const page = (await events.readAll({ after, limit: PAGE })).filter((e) => e.globalPosition <= upTo);
    if (page.length === 0) break;
    for (const event of page) {
      const key = ticketKeyOf(event.streamId);
      if (!isTicketStream(event.streamId) || folded.refused.has(key)) continue;
      const change = changeOf(key, folded.rows.get(key));
      const problem = change.fold(event);
      if (problem) folded.refused.set(key, { position: event.globalPosition, problem });
      else if (change.row) folded.rows.set(key, change.row);
    }
    after = page[page.length - 1].globalPosition;
  }
  return folded;
}
