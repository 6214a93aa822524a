import type { WebhookAlert } from '../webhook-alert';

/**
 * A way alerts reach a subscriber, chosen by the subscription's `format`. The channel renders the body; every channel's
 * body then goes out the same way, as one signed POST to the subscription's URL (deliverWebhook).
 */
export interface AlertChannel<Format extends string = string> {
  /** The subscription `format` it serves. */
  readonly format: Format;
  /** What the API documents of it, after the format's name. */
  readonly description: string;
  /** Whether its URLs carry their credential in the path, as Slack's incoming webhooks do: only a hint of it is shown. */
  readonly credentialInPath: boolean;
  /** The body a subscription of this format receives; `deliveryId` lets a receiver drop a repeat. */
  render(alert: WebhookAlert, deliveryId: string): object;
}
