import type { MessageEvent } from '@nestjs/common';
import { Observable } from 'rxjs';
import { summarizeTicketEvent, type TicketEvent } from '@escalade/domain';
import type { RecordedEvent } from '@escalade/event-store';

const IDLE_POLL_MS = 200;

/**
 * Emits what each call of `next()` returns, polling while there is nothing new, until the subscriber goes
 * away. Each client reads from its own cursor (kept by `next`), so none misses an event between its
 * history and the live tail.
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
      } catch (err) {
        subscriber.error(err);
      }
    };
    void poll();
    return () => clearTimeout(timer);
  });
}

/** An SSE message: `id` is the global position, so a client reconnecting with Last-Event-ID resumes after it. */
export function toServerSentEvent(event: RecordedEvent): MessageEvent {
  const ticketEvent = { type: event.type, data: event.data } as TicketEvent;
  return {
    id: String(event.globalPosition),
    type: 'ticket-event',
    data: {
      streamId: event.streamId,
      version: event.streamVersion,
      position: event.globalPosition,
      at: event.recordedAt,
      type: event.type,
      summary: summarizeTicketEvent(ticketEvent),
      data: event.data,
    },
  };
}

/** Last-Event-ID as a position; anything else starts from the given default. */
export function resumePosition(lastEventId: string | undefined, fallback: number): number {
  const position = Number(lastEventId);
  return Number.isSafeInteger(position) && position >= 0 ? position : fallback;
}
