import type { Severity, TicketEvent } from '@escalade/domain';
import { aServiceRequestReceived } from '@escalade/domain/testing';

/** 2026-11-24 09:<minute> UTC. */
export const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 9, minute)).toISOString();

/** The key of a partner's ticket among all partners' tickets, as the API gives it: its stream is `ticket-<key>`. */
export const keyOf = (partnerTenantId: string, ticketId: string) => `${partnerTenantId.toLowerCase()}~${ticketId}`;

/**
 * The events of a ticket opened, filed and given its due time, 30 minutes after `minute`. Filed by `partnerTenantId`
 * when given, with its key (see keyOf); without one, a ticket from before partner isolation, whose key is its id.
 */
export function opened(ticketId: string, minute: number, severity: Severity, customer = 'Contoso', partnerTenantId?: string): TicketEvent[] {
  return [
    aServiceRequestReceived(ticketId, {
      title: `Ticket ${ticketId}`,
      severity,
      customer: { tenantId: 't', domain: `${customer.toLowerCase()}.com`, name: customer },
      receivedAt: at(minute),
      ...(partnerTenantId ? { key: keyOf(partnerTenantId, ticketId), partner: { tenantId: partnerTenantId, name: 'Fabrikam' } } : {}),
    }),
    { type: 'EligibilityDecided', data: { decision: 'eligible', reason: 'covered' } },
    {
      type: 'HandedOff',
      data: { portal: 'azure-portal', url: 'u', context: 'customer', microsoftTicketId: `MS-${ticketId}`, filedAt: at(minute) },
    },
    { type: 'ResponseDueTimeSet', data: { severity, responseDueAt: at(minute + 30) } },
  ];
}
