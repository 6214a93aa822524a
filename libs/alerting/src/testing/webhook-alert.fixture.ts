import type { WebhookAlert } from '../webhook-alert';

/** A breach of ticket T-1 for Contoso, for tests; override what a test is about. */
export function aWebhookAlert(overrides: Partial<WebhookAlert> = {}): WebhookAlert {
  return {
    alertKey: 'T-1:breach',
    kind: 'breach',
    ticketId: 'T-1',
    severity: 'A',
    product: 'azure',
    customer: { name: 'Contoso Ltd', domain: 'contoso.com' },
    microsoftTicketId: '2611240000000001',
    responseDueAt: '2026-11-24T11:00:00.000Z',
    occurredAt: '2026-11-24T11:00:00.000Z',
    summary: 'No response from Microsoft by 11:00 UTC',
    ...overrides,
  };
}

/** Ticket T-1 escalated to ladder `level`, to `audience`; override what a test is about. */
export function anEscalationAlert(level: number, audience: string, overrides: Partial<WebhookAlert> = {}): WebhookAlert {
  return aWebhookAlert({
    alertKey: `T-1:escalation:${level}`,
    kind: 'escalation',
    level,
    audience,
    summary: `Escalated to the ${audience}: no response after 3 h`,
    ...overrides,
  });
}
