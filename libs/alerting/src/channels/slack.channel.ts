import type { WebhookAlert } from '../webhook-alert';
import type { AlertChannel } from './alert-channel';
import { alertFacts, alertFootnote, alertTitle } from './alert-facts';

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

const SLACK_HEADER_LIMIT = 150;

/** Slack reads &, < and > in mrkdwn as markup. */
const escapeSlack = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function slackMessage(alert: WebhookAlert, deliveryId: string): SlackAlertPayload {
  const fields = alertFacts(alert).map(({ label, value }) => ({ type: 'mrkdwn' as const, text: `*${label}*\n${escapeSlack(value)}` }));
  const title = alertTitle(alert);
  return {
    text: escapeSlack(`${title}. ${alert.summary}`),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: title.slice(0, SLACK_HEADER_LIMIT) } },
      { type: 'section', text: { type: 'mrkdwn', text: escapeSlack(alert.summary) } },
      { type: 'section', fields },
      { type: 'context', elements: [{ type: 'mrkdwn', text: escapeSlack(alertFootnote(alert, deliveryId)) }] },
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
  transport: 'webhook',
  credentialInPath: true,
  render: slackMessage,
};
