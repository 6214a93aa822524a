import { TICKET_STATUSES, type TicketSummary } from '@escalade/domain';
import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../api/api-error';
import { api } from '../api/client';
import { followTicketEvents } from '../api/event-stream';
import { ticketRefOfKey } from '../api/ticket-ref';
import { coalesce } from '../util/coalesce';
import { applyStreamedEvent, mergeNewer, summaryFromTimeline, type Tickets } from './live-tickets';

const OPEN_STATUSES = TICKET_STATUSES.filter((status) => status !== 'closed');
const PAGE_LIMIT = 200;
const RETRY_MS = 2_000;

export interface LiveBoard {
  tickets: Tickets;
  /** Following the event stream. */
  live: boolean;
  error?: string;
}

/** Every open ticket, and the log position the first page reflected (the later pages reflect at least as much). */
async function openTickets(): Promise<{ tickets: TicketSummary[]; position: number }> {
  const tickets: TicketSummary[] = [];
  let position: number | undefined;
  let cursor: string | undefined;
  do {
    const page = await api.tickets({ status: OPEN_STATUSES, limit: PAGE_LIMIT, cursor });
    tickets.push(...page.items);
    position ??= page.position;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { tickets, position: position ?? 0 };
}

/**
 * The open tickets from the read model, then kept current by folding each event the stream sends after the
 * list's position (a new ticket appears with its first event; a reconnection resumes after the last event
 * seen). A ticket whose events arrive with a gap, or that the board has not seen yet, is read again from
 * its timeline.
 */
export function useLiveBoard(): LiveBoard {
  const [board, setBoard] = useState<LiveBoard>({ tickets: {}, live: false });

  useEffect(() => {
    let tickets: Tickets = {};
    let live = false;
    let stopped = false;
    let stopFollowing: (() => void) | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const publish = (error?: string) => {
      if (!stopped) setBoard({ tickets, live, error });
    };
    const merge = (summaries: TicketSummary[]) => {
      tickets = mergeNewer(tickets, summaries);
      publish();
    };
    const fail = (err: unknown) => publish(errorMessage(err));

    const rereads = new Map<string, () => void>(); // one coalesced reader per ticket key
    const reread = (key: string) => {
      let read = rereads.get(key);
      if (!read) {
        read = coalesce(() =>
          api.timeline(ticketRefOfKey(key)).then(({ events }) => {
            const summary = summaryFromTimeline(events);
            if (summary) merge([summary]);
          }, fail),
        );
        rereads.set(key, read);
      }
      read();
    };

    const follow = ({ tickets: listed, position }: { tickets: TicketSummary[]; position: number }) => {
      if (stopped) return;
      merge(listed);
      stopFollowing = followTicketEvents(`/events/stream?after=${position}`, {
        onOpen: () => {
          live = true;
          publish();
        },
        onError: () => {
          live = false;
          publish();
        },
        onEvent: (event) => {
          const applied = applyStreamedEvent(tickets, event);
          if (applied.stale) reread(applied.stale);
          if (applied.tickets === tickets) return;
          tickets = applied.tickets;
          publish();
        },
      });
    };
    const start = () =>
      openTickets().then(follow, (err: unknown) => {
        fail(err);
        if (!stopped) retry = setTimeout(start, RETRY_MS);
      });
    void start();
    return () => {
      stopped = true;
      clearTimeout(retry);
      stopFollowing?.();
    };
  }, []);

  return board;
}
