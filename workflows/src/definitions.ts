// The workflow's public surface: input, messages and search attributes, shared by the workflow,
// the worker and every client (API, tests, replay tooling).
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, EligibilityDecision, ServiceRequest, Severity, SlaPolicy, TicketState } from '@escalade/domain';

export const SERVICE_REQUEST_WORKFLOW = 'serviceRequestWorkflow';

export interface ServiceRequestInput {
  /** The partner's own ticket id, unique per partner tenant. */
  id: string;
  /**
   * Unique among all partners' tickets (`ticketKey`): names its event stream, alerts, notes and filing. Absent on
   * tickets opened before ids were per partner: their id is their key.
   */
  key?: string;
  request: ServiceRequest;
  /** Resolved when the ticket is opened and kept in its history, so a later policy change never moves its clock. */
  policy: SlaPolicy;
  /**
   * Decided when the ticket is opened, by the seed's rules (`decideEligibility`), and kept in its history like the
   * policy: recorded with the request in one append, and a later change of the rules never changes what an open ticket
   * replays. Absent on tickets opened before (and started by other clients): the `checkEligibility` activity decides.
   */
  eligibility?: EligibilityDecision;
  /** Set when Microsoft's answers can be read back (Partner Center or its simulator): the workflow polls at this interval. */
  microsoftPollIntervalMs?: number;
}

/** A ticket's key among all partners' tickets: two partners may both open `INC-1`. */
export function ticketKey(partnerTenantId: string, ticketId: string): string {
  return `${partnerTenantId.toLowerCase()}~${ticketId}`;
}

/** From the ticket's key (its id, for a ticket opened before ids were per partner). */
export function serviceRequestWorkflowId(key: string): string {
  return `service-request-${key}`;
}

/** The ticket's event stream in the event store, from its key. */
export function ticketStreamId(key: string): string {
  return `ticket-${key}`;
}

export interface MicrosoftResponse {
  note?: string;
  respondedBy?: string;
  /** Who recorded it, from their credential (absent when the watch poller read it from Microsoft). */
  by?: Actor;
  /** Microsoft asked for more information (Partner Center status attention_needed). */
  attentionNeeded?: boolean;
  /**
   * When Microsoft answered (ISO 8601): Partner Center's time for its note, or the time a coordinator says the answer
   * came. The SLA verdict is taken from it, not from when the workflow heard of it; absent: the moment it is heard of.
   */
  respondedAt?: string;
}

/** A note on Microsoft's ticket, as Partner Center lists it. */
export interface MicrosoftTicketNote {
  text: string;
  createdByName: string;
  createdDate: string;
}

/**
 * What the watch poller saw change on the ticket at Microsoft. Sent at least once for each change: the workflow
 * skips what it has already seen (notes by their position, the status by its value).
 */
export interface MicrosoftTicketUpdate {
  status: string;
  /** The notes from position `fromNoteCount` on (the poller's last mark for the ticket), oldest first. */
  fromNoteCount: number;
  newNotes: MicrosoftTicketNote[];
  /** Microsoft's first engagement, once there is one; `answeredAt` is Partner Center's time. */
  answer?: { kind: 'responded' | 'attention-needed'; answeredAt: string; note?: string; answeredBy?: string };
}

export interface CloseRequest {
  resolution: string;
  closedBy?: string;
  by?: Actor;
}

/** A coordinator's note, sent to Microsoft's ticket as a new note and recorded on ours. */
export interface NoteRequest {
  text: string;
  sentBy?: string;
  by?: Actor;
}

/** The indirect provider's grant of access to the customer's Azure account. */
export interface AccessGrant {
  grantedBy?: string;
  by?: Actor;
}

export interface SeverityChange {
  severity: Severity;
  reason: string;
  changedBy: string;
  by?: Actor;
}

/**
 * The type of the ApplicationFailure an activity fails with, unretried, when Microsoft rejects the call as made
 * (a 4xx from Partner Center); its one detail is a `MicrosoftRejection`. The value is the type the activities sent
 * before it was shared (Partner Center's error name): histories hold it.
 */
export const MICROSOFT_REJECTION_FAILURE = 'PartnerCenterRejectedError';

/**
 * The type of the ApplicationFailure `recordTicketEvents` fails with, unretried, when the ticket's stream cannot take
 * its events: an event id stored with other data, or a stream another writer keeps moving. Retrying cannot help.
 */
export const JOURNAL_FAULT_FAILURE = 'TicketJournalFault';

/**
 * The type of the ApplicationFailure `handOffToMicrosoft` fails with, unretried, when our Partner Center credentials
 * fail (a 401/403 after a fresh token, or Entra refusing to renew it): the workflow waits and files again, the ticket
 * stays `handing-off`. Its one detail is a `HandoffBlockage`.
 */
export const HANDOFF_BLOCKED_FAILURE = 'PartnerCenterCredentialsFailing';

export interface HandoffBlockage {
  reason: string;
  /** When the worker's credentials started failing: every ticket blocked by one outage shares it (one alert). */
  failingSince: string;
}

export interface MicrosoftRejection {
  status: number;
  /** Partner Center's error code, when it sent one. */
  code?: number;
}

export const ticketStateQuery = defineQuery<TicketState>('ticketState');
export const microsoftRespondedSignal = defineSignal<[MicrosoftResponse]>('microsoftResponded');
/** From the worker's watch poller (one list call for every waiting ticket), which replaced a polling activity per ticket. */
export const microsoftTicketUpdatedSignal = defineSignal<[MicrosoftTicketUpdate]>('microsoftTicketUpdated');
export const azureAccessGrantedSignal = defineSignal<[AccessGrant]>('azureAccessGranted');
export const closeUpdate = defineUpdate<TicketState, [CloseRequest]>('close');
/** Re-times the response target from the original filing time; a deadline already passed breaches at once. */
export const changeSeverityUpdate = defineUpdate<TicketState, [SeverityChange]>('changeSeverity');
/** Once filed and until closed: the note goes to Microsoft's ticket, then onto the timeline. */
export const sendNoteUpdate = defineUpdate<TicketState, [NoteRequest]>('sendNote');
/**
 * A coordinator records Microsoft's answer: refused unless the ticket is handing off or awaiting its first answer; the
 * answer is the state once the answer is recorded (`responded`), or closed meanwhile.
 */
export const recordMicrosoftResponseUpdate = defineUpdate<TicketState, [MicrosoftResponse]>('recordMicrosoftResponse');
/**
 * The indirect provider granted Azure access: refused unless the ticket awaits access; the answer is the state the
 * ticket moved on to (handing off, awaiting the response, or closed).
 */
export const grantAzureAccessUpdate = defineUpdate<TicketState, [AccessGrant]>('grantAzureAccess');

export const searchAttributes = {
  severity: defineSearchAttributeKey('EscaladeSeverity', SearchAttributeType.KEYWORD),
  product: defineSearchAttributeKey('EscaladeProduct', SearchAttributeType.KEYWORD),
  customer: defineSearchAttributeKey('EscaladeCustomer', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('EscaladeStatus', SearchAttributeType.KEYWORD),
  escalationLevel: defineSearchAttributeKey('EscaladeEscalationLevel', SearchAttributeType.INT),
};

export const SEARCH_ATTRIBUTE_KEYS = Object.values(searchAttributes);
