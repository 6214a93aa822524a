import { TICKET_STATUSES, type TicketSummary } from '@escalade/domain';
import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../api/api-error';
import { api } from '../api/client';
import { followTicketEvents } from '../api/event-stream';
import { coalesce } from '../util/coalesce';
import { applyStreamedEvent, mergeNewer, summaryFromTimeline, type Tickets } from './live-tickets';

const OPEN_STATUSES = TICKET_STATUSES.filter((status) => status !== 'closed');
const PAGE_LIMIT = 200;
/** The read model trails the event log by up to ~200 ms: the list is read again once that has passed. */
const READ_MODEL_LAG_MS = 1000;

export interface LiveBoard {
  tickets: Tickets;
  /** Following the event stream. */
  live: boolean;
  error?: string;
}

async function openTickets(): Promise<TicketSummary[]> {
  const tickets: TicketSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.tickets({ status: OPEN_STATUSES, limit: PAGE_LIMIT, cursor });
    tickets.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return tickets;
}

/**
 * The open tickets, loaded from the read model once the event stream is connected, then kept current by
 * folding each live event (a new ticket appears with its first event). A ticket whose events arrive with a
 * gap, or that the board has not seen yet, is read again from its timeline.
 */
export function useLiveBoard(): LiveBoard {
  const [board, setBoard] = useState<LiveBoard>({ tickets: {}, live: false });

  useEffect(() => {
    let tickets: Tickets = {};
    let live = false;
    let stopped = false;
    const publish = (error?: string) => {
      if (!stopped) setBoard({ tickets, live, error });
    };
    const merge = (summaries: TicketSummary[]) => {
      tickets = mergeNewer(tickets, summaries);
      publish();
    };
    const fail = (err: unknown) => publish(errorMessage(err));

    const loadList = () => openTickets().then(merge, fail);
    const rereads = new Map<string, () => void>(); // one coalesced reader per ticket id
    const reread = (id: string) => {
      let read = rereads.get(id);
      if (!read) {
        read = coalesce(() =>
          api.timeline(id).then(({ events }) => {
            const summary = summaryFromTimeline(events);
            if (summary) merge([summary]);
          }, fail),
        );
        rereads.set(id, read);
      }
      read();
    };

    let relist: ReturnType<typeof setTimeout> | undefined;
    const stop = followTicketEvents('/events/stream', {
      onOpen: () => {
        live = true;
        publish();
        void loadList();
        clearTimeout(relist);
        relist = setTimeout(loadList, READ_MODEL_LAG_MS);
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
    return () => {
      stopped = true;
      stop();
      clearTimeout(relist);
    };
  }, []);

  return board;
}
