// The events a ticket's steps decide on, from what is known at that moment (time passed in): pure, so the workflow
// only runs them and the tests state them given/when/then.
import type { Actor } from './actor';
import type { ServiceRequest } from './service-request';
import type { Ticket, TicketOutcome } from './ticket';
import type { ServiceRequestClosed, ServiceRequestReceived } from './ticket-events';

/** The ticket's first event, from the request as it came in. */
export function requestReceived(
  ticket: { id: string; key?: string; policyVersion: string; receivedAt: Date },
  request: ServiceRequest,
): ServiceRequestReceived {
  return {
    type: 'ServiceRequestReceived',
    data: {
      ticketId: ticket.id,
      ...(ticket.key ? { key: ticket.key } : {}),
      title: request.title,
      product: request.product,
      category: request.category,
      severity: request.severity,
      incidentType: request.incidentType,
      language: request.language,
      customer: { tenantId: request.customer.tenantId, domain: request.customer.domain, name: request.customer.name },
      partner: { tenantId: request.partner.tenantId, name: request.partner.name },
      policyVersion: ticket.policyVersion,
      receivedAt: ticket.receivedAt.toISOString(),
    },
  };
}

/** Who asked for the closure and why, when a coordinator did. */
export interface ClosureRequest {
  resolution: string;
  closedBy?: string;
  by?: Actor;
}

/**
 * The ticket's last event. `targetMet` is the answer's verdict once Microsoft answered; without an answer, met when the
 * ticket closed before breaching, and null when no target applied (never filed).
 */
export function ticketClosed(ticket: Ticket, outcome: TicketOutcome, closedAt: Date, request?: ClosureRequest): ServiceRequestClosed {
  const targetMet = ticket.targetMet ?? (ticket.responseDueAt ? !ticket.breached : null);
  const { resolution, closedBy, by } = request ?? {};
  return {
    type: 'ServiceRequestClosed',
    data: { outcome, resolution, targetMet, closedAt: closedAt.toISOString(), ...(closedBy ? { closedBy } : {}), ...(by ? { by } : {}) },
  };
}
