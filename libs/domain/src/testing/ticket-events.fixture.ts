// An example first event of a ticket, for tests of what folds ticket events (projections, the console's board).
import type { ServiceRequestReceived } from '../ticket-events';
import { evolveTicketSummary, type TicketSummary } from '../ticket-summary';

/** ServiceRequestReceived for an Azure severity-A ticket of Contoso, filed by Fabrikam, received 2026-11-24 09:00 UTC. */
export function aServiceRequestReceived(
  ticketId: string,
  overrides: Partial<ServiceRequestReceived['data']> = {},
): ServiceRequestReceived {
  return {
    type: 'ServiceRequestReceived',
    data: {
      ticketId,
      title: 'VMs down',
      product: 'azure',
      category: 'technical',
      severity: 'A',
      incidentType: 'break-fix',
      language: 'en',
      customer: { tenantId: 'c', domain: 'contoso.com', name: 'Contoso' },
      partner: { tenantId: 'p', name: 'Fabrikam' },
      policyVersion: 'v1',
      receivedAt: '2026-11-24T09:00:00.000Z',
      ...overrides,
    },
  };
}

/** The read model's row of a ticket just received (see aServiceRequestReceived), with `overrides` on top. */
export function aTicketSummary(overrides: Partial<TicketSummary> = {}): TicketSummary {
  return { ...evolveTicketSummary(undefined, aServiceRequestReceived(overrides.id ?? 'T'), 1), ...overrides };
}
