import { aServiceRequestReceived, type Severity, type TicketEvent } from '@escalade/domain';

/** 2026-11-24 09:<minute> UTC. */
export const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 9, minute)).toISOString();

/** The events of a ticket opened, filed and given its due time, 30 minutes after `minute`. */
export function opened(ticketId: string, minute: number, severity: Severity, customer = 'Contoso'): TicketEvent[] {
  return [
    aServiceRequestReceived(ticketId, {
      title: `Ticket ${ticketId}`,
      severity,
      customer: { tenantId: 't', domain: `${customer.toLowerCase()}.com`, name: customer },
      receivedAt: at(minute),
    }),
    { type: 'EligibilityDecided', data: { decision: 'eligible', reason: 'covered' } },
    {
      type: 'HandedOff',
      data: { portal: 'azure-portal', url: 'u', context: 'customer', microsoftTicketId: `MS-${ticketId}`, filedAt: at(minute) },
    },
    { type: 'ResponseDueTimeSet', data: { severity, responseDueAt: at(minute + 30) } },
  ];
}
