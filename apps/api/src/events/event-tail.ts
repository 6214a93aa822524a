import type { MessageEvent } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { StreamedTicketEvent } from '@escalade/contract';
import type { RecordedEvent } from '@escalade/event-store';
import { invalidRequest } from '../validation/validation-exception.factory';
import { timelineEntryOf } from './timeline-entry';

const IDLE_POLL_MS = 200;
/** How soon a read that failed (the database is down) is tried again: the stream waits out an outage, open. */
const RETRY_MS = 2_000;

/**
 * Emits what each call of `next()` returns, polling while there is nothing new, until the subscriber goes
 * away. Each client reads from its own cursor (kept by `next`), so none misses an event between its
 * history and the live tail. A browser's EventSource would not reconnect after the 503 a new stream gets during an
 * outage, so a stream already open keeps trying instead of ending with an error.
 */
export function tailEvents(next: () => Promise<RecordedEvent[]>): Observable<RecordedEvent> {
  return new Observable<RecordedEvent>((subscriber) => {
    let timer: NodeJS.Timeout | undefined;
    const poll = async () => {
      try {
        const batch = await next();
        if (subscriber.closed) return;
        for (const event of batch) subscriber.next(event);
        timer = setTimeout(poll, batch.length > 0 ? 0 : IDLE_POLL_MS);
      } catch {
        if (!subscriber.closed) timer = setTimeout(poll, RETRY_MS);
      }
    };
    void poll();
    return () => clearTimeout(timer);
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
