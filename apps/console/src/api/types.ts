// What the API answers, as the console reads it (the shapes of apps/api).
import type { TicketEventType, TicketState, TicketSummary } from '@escalade/domain';

export type { SlaCounts, SlaSummary } from '@escalade/domain';

export type TicketView = TicketState & { partnerTenantId: string; links: { temporalUi: string } };

export type Role = 'viewer' | 'coordinator' | 'admin';

/** Who the session is (`GET /auth/me`, `POST /auth/session`). */
export interface SignedIn {
  kind: 'user' | 'api-key';
  name: string;
  objectId: string;
  tenantId?: string;
  role: Role;
  /** `['*']`: every partner tenant. */
  partnerTenantIds: string[];
}

/** Entra ID's authorization endpoint is `${authority}/${tenant}/oauth2/v2.0/authorize`; `scope` is the API's. */
export interface EntraSettings {
  clientId: string;
  authority: string;
  tenant: string;
  scope: string;
}

/** How the console signs in (`GET /auth/config`): the local admin key's link, or Entra ID. */
export type SignInConfig = { mode: 'local' } | { mode: 'entra'; entra: EntraSettings };

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
  partnerTenantId: string;
  events: RecordedTicketEvent[];
}

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

/** A webhook delivery of an alert about a ticket (`GET /alerts?ticketId=`). */
export interface AlertDelivery {
  id: string;
  ticketId: string;
  /** The ticket's partner tenant; null for a delivery from before partner isolation. */
  partnerTenantId: string | null;
  /** `<ticket key>:<kind>`, with the level for escalations: `<partner tenant>~INC-1:escalation:2` (`INC-1:…` before keys). */
  alertKey: string;
  kind: string;
  status: DeliveryStatus;
  attemptCount: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  updatedAt: string;
}
