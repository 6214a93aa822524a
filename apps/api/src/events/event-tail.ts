import type { MessageEvent } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { StreamedTicketEvent } from '@escalade/contract';
import type { RecordedEvent } from '@escalade/event-store';
import { invalidRequest } from '../validation/validation-exception.factory';
import type { LogHead } from './log-head';
import { timelineEntryOf } from './timeline-entry';

/** How soon a read that failed (the database is down) is tried again: the stream waits out an outage, open. */
const RETRY_MS = 2_000;

/** One read of a stream: what to send, and whether more is stored already (then it reads again at once). */
export interface TailPage {
  events: RecordedEvent[];
  more: boolean;
}

/**
 * Emits what each call of `next()` returns, until the subscriber goes away: at once, then each time the log's head
 * moves past where it had read up to (nothing while idle). Each client reads from its own cursor (kept by `next`), so
 * none misses an event between its history and the live tail. A browser's EventSource would not reconnect after the
 * 503 a new stream gets during an outage, so a stream already open keeps trying instead of ending with an error.
 */
export function tailEvents(next: () => Promise<TailPage>, head: Pick<LogHead, 'position' | 'watch'>): Observable<RecordedEvent> {
  return new Observable<RecordedEvent>((subscriber) => {
    let retry: NodeJS.Timeout | undefined;
    let reading = false;
    /** The head as known before the last read that left nothing unread: every event up to it has been read. */
    let readUpTo = -1;
    const read = async () => {
      reading = true;
      try {
        for (;;) {
          const known = head.position;
          const page = await next();
          if (subscriber.closed) return;
          for (const event of page.events) subscriber.next(event);
          if (page.more) continue;
          readUpTo = known;
          if (head.position <= known) break;
        }
        reading = false;
      } catch {
        if (!subscriber.closed) retry = setTimeout(read, RETRY_MS);
      }
    };
    const unwatch = head.watch(() => {
      if (!reading && head.position > readUpTo) void read();
    });
    void read();
    return () => {
      unwatch();
      clearTimeout(retry);
    };
  });
}

/** An SSE message: `id` is the global position, so a client reconnecting with Last-Event-ID resumes after it. */
export function toServerSentEvent(event: RecordedEvent): MessageEvent {
  const data: StreamedTicketEvent = { streamId: event.streamId, ...timelineEntryOf(event) };
  return { id: String(event.globalPosition), type: 'ticket-event', data };
}

/** Last-Event-ID as a position (the fallback without one): a whole number up to MAX_SAFE_INTEGER, else a 400. */
export function resumePosition(lastEventId: string | undefined, fallback: number): number {
  if (lastEventId === undefined || lastEventId === '') return fallback;
  const position = /^\d{1,16}$/.test(lastEventId) ? Number(lastEventId) : NaN;
  if (Number.isSafeInteger(position)) return position;
  throw invalidRequest([
    { field: 'Last-Event-ID', problems: [`Last-Event-ID must be a whole number up to ${Number.MAX_SAFE_INTEGER}: an event id this API sent`] },
  ]);
}
