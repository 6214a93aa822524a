import type { TimelineEntry } from '@escalade/contract';
import { summarizeTicketEvent, type TicketEvent } from '@escalade/domain';
import type { RecordedEvent } from '@escalade/event-store';

/** A recorded ticket event as the timelines and the event streams show it, with a line a coordinator can read. */
export function timelineEntryOf(event: RecordedEvent): TimelineEntry {
  const ticketEvent = { type: event.type, data: event.data } as TicketEvent;
  return {
    version: event.streamVersion,
    position: event.globalPosition,
    at: event.recordedAt,
    type: ticketEvent.type,
    summary: summarizeTicketEvent(ticketEvent),
    data: ticketEvent.data,
  };
}
