// What the API answers, as the console reads it (the shapes of apps/api).
import type { TicketEventType, TicketState, TicketSummary } from '@escalade/domain';

export type { SlaCounts, SlaSummary } from '@escalade/domain';

export type TicketView = TicketState & { links: { temporalUi: string } };

export interface TicketPage {
  items: TicketSummary[];
  nextCursor: string | null;
  /** The event-log position the page reflects at least: `/events/stream?after=` follows on from it. */
  position: number;
}

/** One entry of `GET /service-requests/:id/timeline`. */
export interface RecordedTicketEvent {
  version: number;
  position: number;
  at: string;
  type: TicketEventType;
  summary: string;
  data: unknown;
}

/** One `ticket-event` of the Server-Sent Event streams: an entry of a ticket's timeline and its stream. */
export interface StreamedTicketEvent extends RecordedTicketEvent {
  streamId: string;
}

export interface Timeline {
  id: string;
  events: RecordedTicketEvent[];
}

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

/** A webhook delivery of an alert about a ticket (`GET /alerts?ticketId=`). */
export interface AlertDelivery {
  id: string;
  ticketId: string;
  /** `<ticket id>:<kind>`, with the level for escalations: `INC-1:escalation:2`. */
  alertKey: string;
  kind: string;
  status: DeliveryStatus;
  attemptCount: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  updatedAt: string;
}
