import { alertDeliveryDuration } from '@escalade/metrics';
import type { AlertDeliveries, AlertDelivery, AlertSubscriptions, SubscribedFormat } from './alert-stores';
import { ALERT_CHANNELS, channelFor, type AlertChannel } from './channels';
import { deliverWebhook, type WebhookDestination, type WebhookOptions, type WebhookResult } from './webhook-delivery';
import { deliveryIdOf, type WebhookAlert } from './webhook-alert';

export interface AttemptOutcome extends WebhookResult {
  /** Whether another attempt could succeed: false once delivered, or when the delivery or its subscription is gone. */
  retryable: boolean;
  /** The delivery as recorded after the attempt; absent for an unknown id. */
  delivery?: AlertDelivery;
}

/**
 * Turns alerts into deliveries, each rendered by the channel of its subscription's format, and performs them one
 * attempt at a time; retrying is the caller's business.
 */
export class AlertDispatcher {
  constructor(
    private readonly subscriptions: AlertSubscriptions,
    private readonly deliveries: AlertDeliveries,
    private readonly webhookOptions: WebhookOptions,
    private readonly channels: readonly AlertChannel[] = ALERT_CHANNELS,
  ) {}

  /**
   * A delivery, recorded as the alert's partner tenant's, for every subscription that admits the alert among those for
   * that partner or for every partner (only the latter when the alert names none). Calling again creates no more.
   */
  async prepareDeliveries(alert: WebhookAlert): Promise<AlertDelivery[]> {
    const prepared: AlertDelivery[] = [];
    for (const subscription of await this.subscriptions.matching(alert)) {
      const payload = this.channelServing(subscription).render(alert, deliveryIdOf(alert.alertKey, subscription.id));
      prepared.push(await this.deliveries.prepare(alert, subscription, payload));
    }
    return prepared;
  }

  /**
   * The alert's deliveries (see `prepareDeliveries`), each attempted once at once, side by side: a subscriber hears of
   * the alert without waiting for another round through the caller. Each outcome is returned; retrying is the caller's.
   */
  async send(alert: WebhookAlert): Promise<Array<{ deliveryId: string } & AttemptOutcome>> {
    const deliveries = await this.prepareDeliveries(alert);
    return Promise.all(deliveries.map(async ({ id }) => ({ deliveryId: id, ...(await this.attempt(id)) })));
  }

  /**
   * Sends the delivery once and records the attempt. A delivery already delivered is not sent again unless
   * `resend` (a retried activity must not repeat it; a person asking to redeliver may). Failures are returned,
   * never thrown; only a database error throws.
   */
  async attempt(deliveryId: string, { resend = false }: { resend?: boolean } = {}): Promise<AttemptOutcome> {
    // The worker's (and the API's, once it has checked the principal may see the delivery): every partner's.
    const delivery = await this.deliveries.get(deliveryId, 'all');
    if (!delivery) return { delivered: false, error: `No alert delivery "${deliveryId}"`, retryable: false };
    if (delivery.status === 'delivered' && !resend) return { delivered: true, retryable: false, delivery };
    const subscription = await this.subscriptions.get(delivery.subscriptionId, 'all');
    const result: WebhookResult = subscription
      ? await this.deliver(delivery, subscription)
      : { delivered: false, error: `Subscription "${delivery.subscriptionId}" was deleted` };
    const recorded = await this.deliveries.recordAttempt(deliveryId, result);
    return { ...result, retryable: !result.delivered && subscription !== undefined, delivery: recorded };
  }

  /** After the last retry failed: the delivery is dead, with the reason. */
  async markDead(deliveryId: string, reason: string): Promise<AlertDelivery | undefined> {
    return this.deliveries.markDead(deliveryId, reason);
  }

  /** One signed POST, timed in `escalade_alert_delivery_duration_seconds` by channel (the format) and outcome. */
  private async deliver(delivery: AlertDelivery, subscription: WebhookDestination & SubscribedFormat): Promise<WebhookResult> {
    const done = alertDeliveryDuration.startTimer({ channel: subscription.format });
    const result = await deliverWebhook(delivery, subscription, this.webhookOptions);
    done({ outcome: result.delivered ? 'delivered' : 'failed' });
    return result;
  }

  /** A subscription's format that no registered channel serves is a deployment error: it fails the preparation, loudly. */
  private channelServing({ id, format }: SubscribedFormat): AlertChannel {
    const channel = channelFor(format, this.channels);
    if (!channel) throw new Error(`No alert channel serves the format "${format}" of subscription "${id}"`);
    return channel;
  }
}
