// The `tickets` read model: a projection of the ticket's fold (`evolveTicket`), kept row by row.
import type { Product, Severity } from './service-request';
import type { Handoff, Ticket, TicketOutcome, TicketStatus } from './ticket';
import type { TicketEvent } from './ticket-events';
import { evolveTicket } from './ticket-fold';

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

/** The row the read model keeps of a ticket at stream `version`. */
export function ticketSummaryOf(ticket: Ticket, version: number): TicketSummary {
  return {
    key: ticket.key,
    id: ticket.id,
    partnerTenantId: ticket.partnerTenantId,
    status: ticket.status,
    title: ticket.title,
    severity: ticket.severity,
    product: ticket.product,
    customer: ticket.customer,
    customerDomain: ticket.customerDomain,
    partner: ticket.partner,
    microsoftTicketId: ticket.handoff?.microsoftTicketId ?? null,
    responseDueAt: ticket.responseDueAt ?? null,
    warned: ticket.warnedAt !== undefined,
    breached: ticket.breached,
    escalationLevel: ticket.escalationLevel,
    outcome: ticket.outcome ?? null,
    openedAt: ticket.receivedAt,
    closedAt: ticket.closedAt ?? null,
    version,
  };
}

/**
 * The ticket as far as its row knows it. What the row does not keep is left neutral: no field of the row depends on
 * it (the fold's property test checks that the row from the whole fold and the row folded event by event agree).
 */
function ticketFromSummary(summary: TicketSummary): Ticket {
  const known = <T>(value: T | null): T | undefined => value ?? undefined;
  return {
    key: summary.key,
    id: summary.id,
    partnerTenantId: summary.partnerTenantId,
    partner: summary.partner,
    title: summary.title,
    product: summary.product,
    customer: summary.customer,
    customerDomain: summary.customerDomain,
    status: summary.status,
    outcome: known(summary.outcome),
    severity: summary.severity,
    handoff: summary.microsoftTicketId === null ? undefined : ({ microsoftTicketId: summary.microsoftTicketId } as Handoff),
    policyVersion: '',
    receivedAt: summary.openedAt,
    responseDueAt: known(summary.responseDueAt),
    warnedAt: summary.warned ? '' : undefined,
    breached: summary.breached,
    escalationLevel: summary.escalationLevel,
    escalations: [],
    closedAt: known(summary.closedAt),
  };
}

/** Applies one event (at stream `version`) to the row: `evolveTicket`, projected. */
export function evolveTicketSummary(summary: TicketSummary | undefined, event: TicketEvent, version: number): TicketSummary {
  return ticketSummaryOf(evolveTicket(summary && ticketFromSummary(summary), event), version);
}
