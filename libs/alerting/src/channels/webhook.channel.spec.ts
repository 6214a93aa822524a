import { aWebhookAlert } from '../testing/webhook-alert.fixture';
import type { WebhookAlert } from '../webhook-alert';
import { webhookChannel } from './webhook.channel';

const DELIVERY_ID = 'T-1:escalation:1:5f0c7c1e-8f5e-4a51-9a39-0c4d2b1b6a11';

describe('the webhook (json) channel', () => {
  it('carries every fact of the alert but its key, the delivery id as id', () => {
    const escalation = aWebhookAlert({ alertKey: 'T-1:escalation:1', kind: 'escalation', level: 1, audience: 'coordinators' });
    const { alertKey: _alertKey, ...facts } = escalation;
    expect(webhookChannel.render(escalation, DELIVERY_ID)).toEqual({ id: DELIVERY_ID, ...facts });
  });

  it('holds only the documented fields, in their order, whatever the alert carried besides', () => {
    const alert = { ...aWebhookAlert(), internalNote: 'not for receivers' } as WebhookAlert;
    const body = JSON.parse(JSON.stringify(webhookChannel.render(alert, 'x')));
    expect(Object.keys(body)).toEqual(['id', 'kind', 'ticketId', 'severity', 'product', 'customer', 'microsoftTicketId', 'responseDueAt', 'occurredAt', 'summary']);
  });
});
