import { quietHoursRelease } from '@escalade/domain';
import { alertDeliveryDuration } from '@escalade/metrics';
import type { AlertDeliveries, AlertDelivery, AlertDestination, AlertSubscriptions, SubscribedFormat } from './alert-stores';
import { ALERT_CHANNELS, channelFor, type AlertChannel } from './channels';
import { deliverEmail, EMAIL_NOT_CONFIGURED, type EmailOptions } from './email/email-delivery';
import { deliverWebhook, type WebhookOptions, type WebhookResult } from './webhook-delivery';
import { deliveryIdOf, type WebhookAlert } from './webhook-alert';

export interface AttemptOutcome extends WebhookResult {
  /** Whether another attempt could succeed: false once delivered, or when the delivery or its subscription is gone. */
  retryable: boolean;
  /** The delivery as recorded after the attempt; absent for an unknown id. */
  delivery?: AlertDelivery;
}

/** How deliveries leave: webhooks through the outbound client; e-mails through SMTP, when SMTP_URL configures it. */
export interface DeliveryOptions extends WebhookOptions {
  email?: EmailOptions;
}

/**
 * Turns alerts into deliveries, each rendered by the channel of its subscription's format, and performs them one
 * attempt at a time, each sent by its channel's transport; retrying is the caller's business.
 */
export class AlertDispatcher {
  constructor(
    private readonly subscriptions: AlertSubscriptions,
    private readonly deliveries: AlertDeliveries,
    private readonly options: DeliveryOptions,
    private readonly channels: readonly AlertChannel[] = ALERT_CHANNELS,
  ) {}

  /**
   * A delivery, recorded as the alert's partner tenant's, for every subscription that admits the alert among those for
   * that partner or for every partner (only the latter when the alert names none); held until the recipient's next
   * opening when its quiet hours say so (quietHoursRelease). Calling again creates no more.
   */
  async prepareDeliveries(alert: WebhookAlert): Promise<AlertDelivery[]> {
    const prepared: AlertDelivery[] = [];
    for (const subscription of await this.subscriptions.matching(alert)) {
      const payload = this.channelServing(subscription).render(alert, deliveryIdOf(alert.alertKey, subscription.id));
      prepared.push(await this.deliveries.prepare(alert, subscription, payload, quietHoursRelease(subscription.calendar, alert)));
    }
    return prepared;
  }

  /**
   * The alert's deliveries (see `prepareDeliveries`), each attempted once at once, side by side: a subscriber hears of
   * the alert without waiting for another round through the caller. A held one is not attempted: its `heldUntil` tells
   * the caller when to. Each outcome is returned; retrying (and releasing) is the caller's.
   */
  async send(alert: WebhookAlert): Promise<Array<{ deliveryId: string; heldUntil?: string } & AttemptOutcome>> {
    const deliveries = await this.prepareDeliveries(alert);
    return Promise.all(
      deliveries.map(async (delivery) =>
        delivery.status === 'held' && delivery.heldUntil
          ? { deliveryId: delivery.id, heldUntil: delivery.heldUntil, delivered: false, retryable: true, delivery }
          : { deliveryId: delivery.id, ...(await this.attempt(delivery.id)) },
      ),
    );
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

  /**
   * Why subscriptions of this format would not be delivered here, if they would not: e-mail without SMTP_URL. A
   * format no channel serves is the caller's to refuse.
   */
  deliveryProblemOf(format: string): string | undefined {
    return channelFor(format, this.channels)?.transport === 'email' && !this.options.email ? EMAIL_NOT_CONFIGURED : undefined;
  }

  /** One attempt, timed in `escalade_alert_delivery_duration_seconds` by channel (the format) and outcome. */
  private async deliver(delivery: AlertDelivery, subscription: AlertDestination & SubscribedFormat): Promise<WebhookResult> {
    const done = alertDeliveryDuration.startTimer({ channel: subscription.format });
    const result = await this.transmit(delivery, subscription);
    done({ outcome: result.delivered ? 'delivered' : 'failed' });
    return result;
  }

  /** By the transport of the subscription's channel: one signed POST to its URL, or one e-mail to its address. */
  private async transmit(delivery: AlertDelivery, subscription: AlertDestination & SubscribedFormat): Promise<WebhookResult> {
    const { transport } = this.channelServing(subscription);
    if (transport === 'email' && 'email' in subscription) return deliverEmail(delivery, subscription, this.options.email);
    if (transport === 'webhook' && 'url' in subscription) return deliverWebhook(delivery, subscription, this.options);
    return { delivered: false, error: `Subscription "${subscription.id}" has no ${transport === 'email' ? 'e-mail address' : 'URL'}` };
  }

  /** A subscription's format that no registered channel serves is a deployment error: it fails the preparation, loudly. */
  private channelServing({ id, format }: SubscribedFormat): AlertChannel {
    const channel = channelFor(format, this.channels);
    if (!channel) throw new Error(`No alert channel serves the format "${format}" of subscription "${id}"`);
    return channel;
  }
}
