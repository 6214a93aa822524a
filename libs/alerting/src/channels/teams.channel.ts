import type { WebhookAlert } from '../webhook-alert';
import type { AlertChannel } from './alert-channel';
import { alertFacts, alertFootnote, alertTitle } from './alert-facts';

/** Every element here exists since 1.0; 1.4 stays well within what Teams clients render. */
const ADAPTIVE_CARD_VERSION = '1.4';

type CardElement =
  | { type: 'TextBlock'; text: string; wrap: true; size?: 'Small' | 'Large'; weight?: 'Bolder'; isSubtle?: true }
  | { type: 'FactSet'; facts: Array<{ title: string; value: string }> };

/** An Adaptive Card (https://adaptivecards.io/explorer/AdaptiveCard.html). */
export interface AdaptiveCard {
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  type: 'AdaptiveCard';
  version: typeof ADAPTIVE_CARD_VERSION;
  body: CardElement[];
}

/**
 * The `teams` body: a message with one Adaptive Card attached, what a Teams incoming webhook and a Workflows
 * ("Post to a channel when a webhook request is received") URL accept.
 */
export interface TeamsAlertPayload {
  type: 'message';
  attachments: Array<{ contentType: 'application/vnd.microsoft.card.adaptive'; contentUrl: null; content: AdaptiveCard }>;
}

function teamsMessage(alert: WebhookAlert, deliveryId: string): TeamsAlertPayload {
  const card: AdaptiveCard = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: ADAPTIVE_CARD_VERSION,
    body: [
      { type: 'TextBlock', text: alertTitle(alert), wrap: true, size: 'Large', weight: 'Bolder' },
      { type: 'TextBlock', text: alert.summary, wrap: true },
      { type: 'FactSet', facts: alertFacts(alert).map(({ label, value }) => ({ title: label, value })) },
      { type: 'TextBlock', text: alertFootnote(alert, deliveryId), wrap: true, size: 'Small', isSubtle: true },
    ],
  };
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }],
  };
}

/** `teams`: an Adaptive Card with the same facts, for a Microsoft Teams channel. Its URL is the credential, as Slack's. */
export const teamsChannel: AlertChannel<'teams'> = {
  format: 'teams',
  description: 'an Adaptive Card with the same facts, for a Microsoft Teams incoming webhook or Workflows URL',
  transport: 'webhook',
  credentialInPath: true,
  render: teamsMessage,
};
