import type { WebhookAlert } from '../webhook-alert';

/**
 * How a channel's body leaves: `webhook`, one signed POST to the subscription's URL (deliverWebhook); `email`, one
 * message over SMTP to the subscription's address (deliverEmail).
 */
export type AlertTransport = 'webhook' | 'email';

/** A way alerts reach a subscriber, chosen by the subscription's `format`. The channel renders the body; its transport sends it. */
export interface AlertChannel<Format extends string = string> {
  /** The subscription `format` it serves. */
  readonly format: Format;
  /** What the API documents of it, after the format's name. */
  readonly description: string;
  /** How its body is sent, and so what a subscription of its format names: a `url` (webhook) or an `email` address. */
  readonly transport: AlertTransport;
  /** Whether its URLs carry their credential in the path, as Slack's incoming webhooks do: only a hint of it is shown. */
  readonly credentialInPath: boolean;
  /** The body a subscription of this format receives; `deliveryId` lets a receiver drop a repeat. */
  render(alert: WebhookAlert, deliveryId: string): object;
}
