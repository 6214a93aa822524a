// The `tickets` read model as a pure fold over a ticket's events (emmett's evolve/initialState).
import type { Product, Severity } from './service-request';
import type { TicketOutcome, TicketStatus } from './ticket';
import type { TicketEvent } from './ticket-events';

export interface TicketSummary {
  /** Unique among all tickets: its stream's key (`<partner tenant>~<id>`, or the bare id of a ticket from before). */
  key: string;
  /** The partner's own id, unique per partner tenant. */
  id: string;
  partnerTenantId: string;
  status: TicketStatus;
  title: string;
  severity: Severity;
  product: Product;
  customer: string;
  customerDomain: string;
  partner: string;
  microsoftTicketId: string | null;
  responseDueAt: string | null;
  /** The breach warning went out: the ticket is about to breach. */
  warned: boolean;
  breached: boolean;
  escalationLevel: number;
  outcome: TicketOutcome | null;
  openedAt: string;
  closedAt: string | null;
  /** The stream version this summary reflects. */
  version: number;
}

const STATUS_AFTER_ELIGIBILITY: Record<string, TicketStatus> = {
  eligible: 'handing-off',
  'needs-access': 'awaiting-access',
  refused: 'checking-eligibility',
  redirected: 'checking-eligibility',
};

/** Applies one event (at stream `version`) to the summary; a ticket's first event must be ServiceRequestReceived. */
export function evolveTicketSummary(summary: TicketSummary | undefined, event: TicketEvent, version: number): TicketSummary {
  if (event.type === 'ServiceRequestReceived') {
    const { data } = event;
    return {
      key: data.key ?? data.ticketId,
      id: data.ticketId,
      // Left as it came when it is not text: the read model's row check names what is wrong with it.
      partnerTenantId: lowerCased(data.partner?.tenantId),
      status: 'checking-eligibility',
      title: data.title,
      severity: data.severity,
      product: data.product,
      customer: data.customer.name,
      customerDomain: data.customer.domain,
      partner: data.partner.name,
      microsoftTicketId: null,
      responseDueAt: null,
      warned: false,
      breached: false,
      escalationLevel: 0,
      outcome: null,
      openedAt: data.receivedAt,
      closedAt: null,
      version,
    };
  }
  if (!summary) throw new Error(`${event.type} before ServiceRequestReceived`);
  const next = { ...summary, version };
  switch (event.type) {
    case 'EligibilityDecided':
      return { ...next, status: STATUS_AFTER_ELIGIBILITY[event.data.decision] };
    case 'AzureAccessAwaited':
      return { ...next, status: 'awaiting-access' };
    case 'AzureAccessGranted':
      return { ...next, status: 'handing-off' };
    case 'HandedOff':
      return { ...next, microsoftTicketId: event.data.microsoftTicketId };
    case 'ResponseDueTimeSet':
      return { ...next, status: 'awaiting-response', severity: event.data.severity, responseDueAt: event.data.responseDueAt };
    case 'BreachWarningRaised':
      return { ...next, warned: true };
    case 'AzureAccessReminded':
    case 'HandoffRejected': // ServiceRequestClosed follows
    case 'HandoffBlocked': // still handing off
    case 'NoteSentToMicrosoft':
    case 'MicrosoftTicketClosed':
    case 'MicrosoftNoteAdded':
    case 'MicrosoftStatusChanged':
    case 'AlertDelivered':
    case 'AlertDeliveryAbandoned':
      return next;
    case 'SlaBreached':
      return { ...next, breached: true };
    case 'SlaBreachCorrected':
      return { ...next, breached: false, escalationLevel: 0 };
    case 'SeverityChanged':
      return { ...next, severity: event.data.to, responseDueAt: event.data.responseDueAt };
    case 'Escalated':
      return { ...next, escalationLevel: Math.max(summary.escalationLevel, event.data.level) };
    case 'MicrosoftResponded':
      return { ...next, status: 'responded', breached: summary.breached || event.data.late };
    case 'ServiceRequestClosed':
      return { ...next, status: 'closed', outcome: event.data.outcome, closedAt: event.data.closedAt };
  }
}

function lowerCased<T>(value: T): T {
  return (typeof value === 'string' ? value.toLowerCase() : value) as T;
}
