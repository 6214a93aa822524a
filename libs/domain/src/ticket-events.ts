// What happened to a ticket, in the past tense: the ticket's event stream (issue 3).
import type { Actor } from './actor';
import type { FollowUpTarget } from './follow-up-targets';
import type { Category, IncidentType, Product, Severity } from './service-request';
import type { EligibilityVerdict, Portal, RedirectTarget, TicketOutcome } from './ticket';

interface Event<Type extends string, Data> {
  type: Type;
  data: Data;
}

export type ServiceRequestReceived = Event<
  'ServiceRequestReceived',
  {
    ticketId: string;
    /** The ticket's key among all partners' tickets (`<partner tenant>~<ticketId>`); absent on tickets from before. */
    key?: string;
    title: string;
    product: Product;
    category: Category;
    severity: Severity;
    incidentType: IncidentType;
    language: string;
    customer: { tenantId: string; domain: string; name: string };
    partner: { tenantId: string; name: string };
    policyVersion: string;
    receivedAt: string;
  }
>;
export type EligibilityDecided = Event<
  'EligibilityDecided',
  { decision: EligibilityVerdict; reason: string; redirectTo?: RedirectTarget }
>;
export type AzureAccessAwaited = Event<'AzureAccessAwaited', { timesOutAt: string }>;
export type AzureAccessReminded = Event<'AzureAccessReminded', { timesOutAt: string }>;
export type AzureAccessGranted = Event<'AzureAccessGranted', { grantedBy?: string; by?: Actor }>;
export type HandedOff = Event<
  'HandedOff',
  {
    portal: Portal;
    url: string;
    context: 'customer' | 'partner';
    supportPlan?: string;
    supportCategory?: string;
    microsoftTicketId: string;
    filedAt: string;
  }
>;
/** Microsoft refused to file the ticket (Partner Center's 4xx, e.g. an unknown support topic): it closes unfiled. */
export type HandoffRejected = Event<'HandoffRejected', { reason: string; status?: number; code?: number }>;
/**
 * The filing cannot be made with our credentials (Partner Center answers 401/403, or Entra refuses to renew the token):
 * our problem, not Microsoft refusing the ticket. It stays `handing-off` and files by itself once they work again.
 */
export type HandoffBlocked = Event<'HandoffBlocked', { reason: string; blockedAt: string }>;
/** Our note, added to Microsoft's ticket: a coordinator's, or ours telling of a severity change. `ref` marks it there. */
export type NoteSentToMicrosoft = Event<'NoteSentToMicrosoft', { text: string; ref: string; sentBy?: string; by?: Actor }>;
/** Our ticket closed, so Microsoft's was closed too, unless Microsoft had closed it already. */
export type MicrosoftTicketClosed = Event<'MicrosoftTicketClosed', { microsoftTicketId: string; alreadyClosed: boolean }>;
export type ResponseDueTimeSet = Event<'ResponseDueTimeSet', { severity: Severity; responseDueAt: string }>;
/** `warnedAt`: the warning's mark, a share of the window before the due time (see `upcastTicketEvent` for older events). */
export type BreachWarningRaised = Event<'BreachWarningRaised', { responseDueAt: string; warnedAt: string }>;
export type SlaBreached = Event<'SlaBreached', { responseDueAt: string }>;
/** The breach recorded earlier did not happen: Microsoft's answer, heard of after the due time, was given before it. */
export type SlaBreachCorrected = Event<'SlaBreachCorrected', { respondedAt: string; responseDueAt: string; correctedAt: string }>;
export type SeverityChanged = Event<
  'SeverityChanged',
  { from: Severity; to: Severity; reason: string; changedBy: string; responseDueAt: string; by?: Actor }
>;
export type Escalated = Event<'Escalated', { level: number; audience: string; raisedAt: string }>;
export type MicrosoftResponded = Event<
  'MicrosoftResponded',
  { respondedAt: string; late: boolean; note?: string; respondedBy?: string; attentionNeeded?: boolean; by?: Actor }
>;
export type MicrosoftNoteAdded = Event<'MicrosoftNoteAdded', { text: string; by: string; at: string }>;
/** `at`: when we heard of it (Partner Center gives a status no time of its own); absent on tickets from before. */
export type MicrosoftStatusChanged = Event<'MicrosoftStatusChanged', { status: string; at?: string }>;
/**
 * After Microsoft's first answer, who owes the next word and by when (see `follow-up-targets`): set after the answer,
 * again after each of Microsoft's notes or status changes, and when the word passes between Microsoft and us. `round`
 * counts the targets set on the ticket (1, 2, …); a severity change re-times the running round.
 */
export type FollowUpTargetSet = Event<'FollowUpTargetSet', { target: FollowUpTarget; round: number; startsAt: string; dueAt: string }>;
export type FollowUpWarningRaised = Event<'FollowUpWarningRaised', { target: FollowUpTarget; round: number; dueAt: string; warnedAt: string }>;
export type FollowUpBreached = Event<'FollowUpBreached', { target: FollowUpTarget; round: number; dueAt: string }>;
export type FollowUpEscalated = Event<
  'FollowUpEscalated',
  { target: FollowUpTarget; round: number; dueAt: string; level: number; audience: string; raisedAt: string }
>;
/** The word owed came (`answeredAt`: Microsoft's own time for its notes), in time or `late`. */
export type FollowUpAnswered = Event<'FollowUpAnswered', { target: FollowUpTarget; round: number; answeredAt: string; late: boolean }>;
/** The policy's optional resolution target passed, Microsoft's paused time excluded, with the ticket unresolved. */
export type ResolutionTargetBreached = Event<'ResolutionTargetBreached', { dueAt: string }>;
/** Microsoft asked us for information: its clock stands still until our reply reaches it. */
export type MicrosoftClockPaused = Event<'MicrosoftClockPaused', { pausedAt: string }>;
export type MicrosoftClockResumed = Event<'MicrosoftClockResumed', { resumedAt: string; pausedMs: number }>;
export type AlertDelivered = Event<'AlertDelivered', { deliveryId: string; kind: string }>;
/** Raised outside its recipient's calendar hours (not severity A): the delivery waits for their next opening. */
export type AlertHeld = Event<'AlertHeld', { deliveryId: string; kind: string; until: string }>;
export type AlertDeliveryAbandoned = Event<'AlertDeliveryAbandoned', { deliveryId: string; kind: string; reason: string }>;
export type ServiceRequestClosed = Event<
  'ServiceRequestClosed',
  { outcome: TicketOutcome; resolution?: string; targetMet: boolean | null; closedAt: string; closedBy?: string; by?: Actor }
>;

export type TicketEvent =
  | ServiceRequestReceived
  | EligibilityDecided
  | AzureAccessAwaited
  | AzureAccessReminded
  | AzureAccessGranted
  | HandedOff
  | HandoffRejected
  | HandoffBlocked
  | NoteSentToMicrosoft
  | MicrosoftTicketClosed
  | ResponseDueTimeSet
  | BreachWarningRaised
  | SlaBreached
  | SlaBreachCorrected
  | SeverityChanged
  | Escalated
  | MicrosoftResponded
  | MicrosoftNoteAdded
  | MicrosoftStatusChanged
  | FollowUpTargetSet
  | FollowUpWarningRaised
  | FollowUpBreached
  | FollowUpEscalated
  | FollowUpAnswered
  | ResolutionTargetBreached
  | MicrosoftClockPaused
  | MicrosoftClockResumed
  | AlertDelivered
  | AlertHeld
  | AlertDeliveryAbandoned
  | ServiceRequestClosed;

export type TicketEventType = TicketEvent['type'];

const OWED_WORD: Record<FollowUpTarget, string> = {
  'microsoft-update': "Microsoft's next update",
  'partner-reply': 'Our reply to Microsoft',
};

const PORTAL_NAMES: Record<Portal, string> = {
  'azure-portal': 'the Azure portal',
  'microsoft-365-admin-center': 'the Microsoft 365 admin center',
};

/**
 * Who did it, as the timeline says it: the display name the request gave, and the credential's name when that differs
 * (a display name never hides who signed in).
 */
function doneBy(displayName: string | undefined, by: Actor | undefined): string {
  if (!by) return displayName ? ` by ${displayName}` : '';
  return displayName && displayName !== by.name ? ` by ${displayName} (signed in as ${by.name})` : ` by ${by.name}`;
}

/** One line a coordinator reads on the ticket's timeline. */
export function summarizeTicketEvent(event: TicketEvent): string {
  switch (event.type) {
    case 'ServiceRequestReceived':
      return `Request received: "${event.data.title}" (${event.data.product}, severity ${event.data.severity}) for ${event.data.customer.name}`;
    case 'EligibilityDecided':
      return `Eligibility: ${event.data.decision} — ${event.data.reason}`;
    case 'AzureAccessAwaited':
      return `Waiting for the indirect provider to grant Azure access (until ${event.data.timesOutAt})`;
    case 'AzureAccessReminded':
      return `Still waiting for Azure access: half the time is gone (closes at ${event.data.timesOutAt}); chase the indirect provider`;
    case 'AzureAccessGranted':
      return `Azure access granted${doneBy(event.data.grantedBy, event.data.by)}`;
    case 'HandedOff':
      return `Filed with Microsoft through ${PORTAL_NAMES[event.data.portal]}: ticket #${event.data.microsoftTicketId}`;
    case 'HandoffRejected':
      return `Microsoft rejected the filing: ${event.data.reason}`;
    case 'NoteSentToMicrosoft':
      return `Note sent to Microsoft${doneBy(event.data.sentBy, event.data.by)}: ${event.data.text}`;
    case 'MicrosoftTicketClosed':
      return event.data.alreadyClosed
        ? `Microsoft's ticket #${event.data.microsoftTicketId} was already closed by Microsoft`
        : `Microsoft's ticket #${event.data.microsoftTicketId} closed with ours`;
    case 'HandoffBlocked':
      return `Not filed yet: our Partner Center credentials fail (${event.data.reason}); it files by itself once they work again`;
    case 'ResponseDueTimeSet':
      return `Initial response due by ${event.data.responseDueAt} (severity ${event.data.severity})`;
    case 'BreachWarningRaised':
      return `Breach warning: still no answer from Microsoft, due by ${event.data.responseDueAt}`;
    case 'SlaBreached':
      return `Response target breached: no answer from Microsoft by ${event.data.responseDueAt}`;
    case 'SlaBreachCorrected':
      return `Breach withdrawn: Microsoft answered at ${event.data.respondedAt}, within the target (${event.data.responseDueAt}); the breach and escalations were raised before its answer was known`;
    case 'SeverityChanged':
      return `Severity changed from ${event.data.from} to ${event.data.to}${doneBy(event.data.changedBy, event.data.by)} (${event.data.reason}); response now due by ${event.data.responseDueAt}`;
    case 'Escalated':
      return `Escalated to level ${event.data.level}: ${event.data.audience}`;
    case 'MicrosoftResponded':
      return `Microsoft ${event.data.attentionNeeded ? 'needs information' : 'responded'}${event.data.late ? ' (late)' : ''}${
        event.data.by ? `, recorded${doneBy(event.data.respondedBy, event.data.by)}` : ''
      }${event.data.note ? `: ${event.data.note}` : ''}`;
    case 'MicrosoftNoteAdded':
      return `Note from ${event.data.by}: ${event.data.text}`;
    case 'MicrosoftStatusChanged':
      return `Microsoft set the ticket's status to ${event.data.status}`;
    case 'FollowUpTargetSet':
      return `${OWED_WORD[event.data.target]} due by ${event.data.dueAt}`;
    case 'FollowUpWarningRaised':
      return `Follow-up warning: ${OWED_WORD[event.data.target].toLowerCase()} is due by ${event.data.dueAt}`;
    case 'FollowUpBreached':
      return `Follow-up target breached: ${OWED_WORD[event.data.target].toLowerCase()} was due by ${event.data.dueAt}`;
    case 'FollowUpEscalated':
      return `Escalated to level ${event.data.level} (${event.data.audience}): ${OWED_WORD[event.data.target].toLowerCase()} was due by ${event.data.dueAt}`;
    case 'FollowUpAnswered':
      return `${OWED_WORD[event.data.target]} came at ${event.data.answeredAt}${event.data.late ? ' (late)' : ''}`;
    case 'ResolutionTargetBreached':
      return `Resolution target breached: not resolved by ${event.data.dueAt} (Microsoft's paused time excluded)`;
    case 'MicrosoftClockPaused':
      return "Microsoft's clock paused: Microsoft waits for information from us";
    case 'MicrosoftClockResumed':
      return `Microsoft's clock resumed after ${Math.round(event.data.pausedMs / 60_000)} min paused: our reply reached Microsoft`;
    case 'AlertDelivered':
      return `Alert delivered (${event.data.kind}): ${event.data.deliveryId}`;
    case 'AlertHeld':
      return `Alert held for the recipient's quiet hours (${event.data.kind}) until ${event.data.until}: ${event.data.deliveryId}`;
    case 'AlertDeliveryAbandoned':
      return `Alert delivery marked dead (${event.data.kind}): ${event.data.deliveryId} — ${event.data.reason}`;
    case 'ServiceRequestClosed':
      return `Closed${doneBy(event.data.closedBy, event.data.by)}: ${event.data.outcome}${event.data.resolution ? ` — ${event.data.resolution}` : ''}`;
  }
}
