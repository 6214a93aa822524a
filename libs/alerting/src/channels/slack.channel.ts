import { PRODUCT_LABELS, type Product } from '@escalade/domain';
import type { AlertKind, WebhookAlert } from '../webhook-alert';
import type { AlertChannel } from './alert-channel';

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

/**
 * `slack`: a Slack incoming-webhook message with the same facts. Its URL is the credential, whatever its host (Slack's,
 * or a Slack-compatible chat's).
 */
export const slackChannel: AlertChannel<'slack'> = {
  format: 'slack',
  description: 'a Slack incoming-webhook message with the same facts',
  credentialInPath: true,
  render: slackMessage,
};
