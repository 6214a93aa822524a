import type { TicketState, TicketStatus, TicketSummary } from '@escalade/domain';

/** `POST /service-requests`: the ticket opened (201), or the one an earlier identical request opened (200). */
export interface OpenedTicket {
  id: string;
  partnerTenantId: string;
  workflowId: string;
  status: TicketStatus;
}

/** `GET /service-requests/:id`: the workflow's state of the ticket. */
export type TicketView = TicketState & { partnerTenantId: string; links: { temporalUi: string } };

/** `GET /service-requests`: a page of the read model, with the event-log position it reflects at least. */
export interface TicketListPage {
  items: TicketSummary[];
  /** Passed as `cursor` for the next page; null on the last. */
  nextCursor: string | null;
  /** `/events/stream?after=<position>` follows on from the page, missing nothing. */
  position: number;
}

/**
 * A command's answer when the ticket's workflow accepted it but did not finish it within the API's wait (the
 * database is slow or down: its event is not stored yet): the state so far, with the flag that says so. It will be.
 */
export type PendingTicket<Flag extends string> = TicketState & Record<Flag, true>;

/** `POST …/close`: the final state (200), or `closing` (202). */
export type ClosedTicket = TicketState | PendingTicket<'closing'>;
/** `POST …/severity`: the state with the new due time (200), or `changingSeverity` (202). */
export type SeverityChangedTicket = TicketState | PendingTicket<'changingSeverity'>;
/** `POST …/notes`: the state once the note is sent and recorded (200), or `sendingNote` (202). */
export type NoteSentTicket = TicketState | PendingTicket<'sendingNote'>;
/** `POST …/microsoft-response` (202): the state once the answer is recorded (or closed meanwhile), or `recordingResponse`. */
export type ResponseRecordedTicket = TicketState | PendingTicket<'recordingResponse'>;
/** `POST …/azure-access-granted` (202): the state the ticket moved on to, or `grantingAccess`. */
export type AccessGrantedTicket = TicketState | PendingTicket<'grantingAccess'>;
/** `POST …/cancel` (202): the status the ticket had when its workflow was asked to cancel. */
export type CancellingTicket = Pick<TicketState, 'id' | 'status'>;
