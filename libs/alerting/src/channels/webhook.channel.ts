import type { WebhookAlert } from '../webhook-alert';
import type { AlertChannel } from './alert-channel';

/** The `json` body: the alert's facts, with `id` the delivery's idempotency key. */
export type JsonAlertPayload = Omit<WebhookAlert, 'alertKey'> & { id: string };

/** `json`, the default: the alert's facts as JSON, for any receiver. */
export const webhookChannel: AlertChannel<'json'> = {
  format: 'json',
  description: "the alert's facts as JSON (the default)",
  transport: 'webhook',
  credentialInPath: false,
  // Field by field, so the body holds the documented fields in the documented order whatever the caller passed.
  render: (alert, deliveryId): JsonAlertPayload => ({
    id: deliveryId,
    kind: alert.kind,
    ticketId: alert.ticketId,
    severity: alert.severity,
    product: alert.product,
    customer: { name: alert.customer.name, domain: alert.customer.domain },
    microsoftTicketId: alert.microsoftTicketId,
    responseDueAt: alert.responseDueAt,
    level: alert.level,
    audience: alert.audience,
    occurredAt: alert.occurredAt,
    summary: alert.summary,
  }),
};
