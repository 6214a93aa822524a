import type { TicketEvent } from '@escalade/domain';

/** One event of a ticket, as `GET /service-requests/:id/timeline` lists it. */
export interface TimelineEntry {
  /** Its place in the ticket's stream, from 1. */
  version: number;
  /** Its place in the whole event log: the Server-Sent Events' id, to resume after. */
  position: number;
  at: string;
  type: TicketEvent['type'];
  /** A line a coordinator can read. */
  summary: string;
  data: TicketEvent['data'];
}

/** `GET /service-requests/:id/timeline`: the ticket's events, oldest first. */
export interface Timeline {
  id: string;
  partnerTenantId: string;
  events: TimelineEntry[];
}

/** One `ticket-event` of the Server-Sent Event streams (a ticket's timeline, `/events/stream`). */
export type StreamedTicketEvent = TimelineEntry & { streamId: string };
