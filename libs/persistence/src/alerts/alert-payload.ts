import { PRODUCT_LABELS, type Product } from '@escalade/domain';
import type { AlertFormat, AlertKind, WebhookAlert } from './webhook-alert';

/** The `json` body: the alert's facts, with `id` the delivery's idempotency key. */
export type JsonAlertPayload = Omit<WebhookAlert, 'alertKey'> & { id: string };

interface SlackText {
  type: 'plain_text' | 'mrkdwn';
  text: string;
}

/** The `slack` body: what a Slack incoming webhook accepts (https://api.slack.com/reference/block-kit/blocks). */
export interface SlackAlertPayload {
  text: string;
  blocks: Array<
    | { type: 'header'; text: SlackText }
    | { type: 'section'; text?: SlackText; fields?: SlackText[] }
    | { type: 'context'; elements: SlackText[] }
  >;
}

export type AlertPayload = JsonAlertPayload | SlackAlertPayload;

const KIND_TITLES: Record<AlertKind, string> = {
  warning: 'Response target close',
  breach: 'Response target breached',
  escalation: 'Escalation',
  response: 'Microsoft responded',
  closure: 'Ticket closed',
  correction: 'Breach withdrawn: Microsoft had answered in time',
  'handoff-blocked': 'Tickets cannot be filed: Partner Center credentials fail',
};

const SLACK_HEADER_LIMIT = 150;

/** Slack reads &, < and > in mrkdwn as markup. */
const escapeSlack = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function slackMessage(alert: WebhookAlert, deliveryId: string): SlackAlertPayload {
  const field = (label: string, value: string) => ({ type: 'mrkdwn' as const, text: `*${label}*\n${escapeSlack(value)}` });
  const fields = [
    field('Severity', alert.severity),
    field('Product', PRODUCT_LABELS[alert.product as Product] ?? alert.product),
    field('Customer', `${alert.customer.name} (${alert.customer.domain})`),
    ...(alert.microsoftTicketId ? [field('Microsoft ticket', alert.microsoftTicketId)] : []),
    ...(alert.responseDueAt ? [field('Response due', alert.responseDueAt)] : []),
    ...(alert.level !== undefined ? [field('Escalation', `level ${alert.level}${alert.audience ? ` → ${alert.audience}` : ''}`)] : []),
  ];
  const title = `${KIND_TITLES[alert.kind]}: ticket ${alert.ticketId}`;
  return {
    text: escapeSlack(`${title}. ${alert.summary}`),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: title.slice(0, SLACK_HEADER_LIMIT) } },
      { type: 'section', text: { type: 'mrkdwn', text: escapeSlack(alert.summary) } },
      { type: 'section', fields },
      { type: 'context', elements: [{ type: 'mrkdwn', text: escapeSlack(`${alert.occurredAt} · delivery ${deliveryId}`) }] },
    ],
  };
}

/** The body sent to a subscription in its format; `deliveryId` lets a receiver drop a repeat. */
export function alertPayload(alert: WebhookAlert, format: AlertFormat, deliveryId: string): AlertPayload {
  if (format === 'slack') return slackMessage(alert, deliveryId);
  // Field by field, so the body holds the documented fields in the documented order whatever the caller passed.
  return {
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
  };
}
