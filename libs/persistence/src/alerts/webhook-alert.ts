import type { Severity } from '@escalade/domain';

export const ALERT_KINDS = ['warning', 'breach', 'escalation', 'response', 'closure'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_FORMATS = ['json', 'slack'] as const;
export type AlertFormat = (typeof ALERT_FORMATS)[number];

export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Something that happened to a ticket, to be sent to every subscription whose filters admit it. */
export interface WebhookAlert {
  /** Stable per ticket and happening (`<ticketId>:breach`, `<ticketId>:escalation:2`), so a retry sends nothing new. */
  alertKey: string;
  kind: AlertKind;
  ticketId: string;
  severity: Severity;
  product: string;
  customer: { name: string; domain: string };
  microsoftTicketId?: string;
  responseDueAt?: string;
  /** Escalation level and who it goes to, for escalations. */
  level?: number;
  audience?: string;
  occurredAt: string;
  /** One line a person can read. */
  summary: string;
}

/** A delivery's id and idempotency key: the same alert never reaches the same subscription twice. */
export function deliveryIdOf(alertKey: string, subscriptionId: string): string {
  return `${alertKey}:${subscriptionId}`;
}
