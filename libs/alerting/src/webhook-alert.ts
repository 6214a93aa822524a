import type { TicketAlert } from '@escalade/domain';

export { ALERT_KINDS, type AlertKind } from '@escalade/domain';

/** `held`: waiting for its recipient's next opening (quiet hours), then attempted as a pending one. */
export const DELIVERY_STATUSES = ['pending', 'held', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** An alert as the channels render it: the domain's TicketAlert. */
export type WebhookAlert = TicketAlert;

/** A delivery's id and idempotency key: the same alert never reaches the same subscription twice. */
export function deliveryIdOf(alertKey: string, subscriptionId: string): string {
  return `${alertKey}:${subscriptionId}`;
}
