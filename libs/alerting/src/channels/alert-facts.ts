import { PRODUCT_LABELS, type Product } from '@escalade/domain';
import type { AlertKind, WebhookAlert } from '../webhook-alert';

/** What a person reads first of an alert, by kind. */
const KIND_TITLES: Record<AlertKind, string> = {
  warning: 'Response target close',
  breach: 'Response target breached',
  escalation: 'Escalation',
  response: 'Microsoft responded',
  closure: 'Ticket closed',
  correction: 'Breach withdrawn: Microsoft had answered in time',
  'handoff-blocked': 'Tickets cannot be filed: Partner Center credentials fail',
  'update-warning': "Microsoft's next update due soon",
  'update-breach': "Microsoft's next update is late",
  'update-escalation': "Escalation: Microsoft's next update is late",
  'reply-owed': 'Microsoft needs information from us',
  'reply-warning': 'Our reply to Microsoft due soon',
  'reply-breach': 'Our reply to Microsoft is late',
  'resolution-breach': 'Resolution target breached',
};

/** A labelled fact of an alert, as the channels for people (Slack, Teams, e-mail) show them. */
export interface AlertFact {
  label: string;
  value: string;
}

/** `Escalation: ticket T-1`. */
export function alertTitle(alert: WebhookAlert): string {
  return `${KIND_TITLES[alert.kind]}: ticket ${alert.ticketId}`;
}

/** The facts every channel for people shows, in this order; those the alert does not have are left out. */
export function alertFacts(alert: WebhookAlert): AlertFact[] {
  const fact = (label: string, value: string): AlertFact => ({ label, value });
  return [
    fact('Severity', alert.severity),
    fact('Product', PRODUCT_LABELS[alert.product as Product] ?? alert.product),
    fact('Customer', `${alert.customer.name} (${alert.customer.domain})`),
    ...(alert.microsoftTicketId ? [fact('Microsoft ticket', alert.microsoftTicketId)] : []),
    ...(alert.responseDueAt ? [fact('Response due', alert.responseDueAt)] : []),
    ...(alert.level !== undefined ? [fact('Escalation', `level ${alert.level}${alert.audience ? ` → ${alert.audience}` : ''}`)] : []),
  ];
}

/** The small print under an alert: when it happened, and the delivery (a receiver drops a repeat by it). */
export function alertFootnote(alert: WebhookAlert, deliveryId: string): string {
  return `${alert.occurredAt} · delivery ${deliveryId}`;
}
