// The board's tickets kept current from the event stream with the read model's own fold.
import { evolveTicketSummary, type TicketEvent, type TicketSummary } from '@escalade/domain';
import type { StreamedTicketEvent, TimelineEntry } from '@escalade/contract';

/** By the ticket's key (`<partner tenant>~<id>`): two partner tenants may use the same id. */
export type Tickets = Readonly<Record<string, TicketSummary>>;

const STREAM_PREFIX = 'ticket-';

const asTicketEvent = ({ type, data }: TimelineEntry) => ({ type, data }) as TicketEvent;

/**
 * Folds one streamed event into the board. An event already reflected is ignored; one that does not
 * follow the ticket's version (a gap, or a ticket the board has never seen) names the ticket's key as `stale`:
 * it must be read again from its timeline.
 */
export function applyStreamedEvent(tickets: Tickets, event: StreamedTicketEvent): { tickets: Tickets; stale?: string } {
  if (!event.streamId.startsWith(STREAM_PREFIX)) return { tickets };
  const key = event.streamId.slice(STREAM_PREFIX.length);
  const current = tickets[key];
  const version = current?.version ?? 0;
  if (event.version <= version) return { tickets };
  if (event.version !== version + 1) return { tickets, stale: key };
  return { tickets: { ...tickets, [key]: evolveTicketSummary(current, asTicketEvent(event), event.version) } };
}

/** The summary of a ticket from its whole timeline (the same fold as the server's read model). */
export function summaryFromTimeline(events: readonly TimelineEntry[]): TicketSummary | undefined {
  return events.reduce<TicketSummary | undefined>(
    (summary, event) => evolveTicketSummary(summary, asTicketEvent(event), event.version),
    undefined,
  );
}

/** Takes each summary unless the board already holds a later version of that ticket. */
export function mergeNewer(tickets: Tickets, summaries: readonly TicketSummary[]): Tickets {
  const newer = summaries.filter((summary) => summary.version > (tickets[summary.key]?.version ?? 0));
  return newer.length === 0 ? tickets : { ...tickets, ...Object.fromEntries(newer.map((summary) => [summary.key, summary])) };
}
