import type { BusinessCalendar } from '@escalade/domain';
import type { AlertFormat } from './channels';
import type { EmailDestination } from './email/email-delivery';
import type { WebhookDestination, WebhookResult } from './webhook-delivery';
import type { DeliveryStatus, WebhookAlert } from './webhook-alert';

/** A subscription as an alert is rendered for it. */
export interface SubscribedFormat {
  id: string;
  format: AlertFormat;
  /** The recipient's hours: alerts below severity A raised outside them wait for the next opening (quiet hours). */
  calendar?: BusinessCalendar | null;
}

/** Where a subscription's deliveries go, by its channel's transport: a webhook's URL and secret, or an e-mail address. */
export type AlertDestination = WebhookDestination | EmailDestination;

/** A delivery as the dispatcher sends and records it. */
export interface AlertDelivery {
  /** `<alertKey>:<subscriptionId>` (deliveryIdOf), sent as the Idempotency-Key header. */
  id: string;
  subscriptionId: string;
  /** The JSON body, byte for byte what every attempt sends (and signs); for e-mail, the message (subject, text, html). */
  payload: string;
  attemptCount: number;
  status: DeliveryStatus;
  /** Held for the recipient's quiet hours until then (ISO): kept once released, to show it was held. */
  heldUntil?: string | null;
}

/**
 * What the dispatcher reads of the subscriptions. The tables are the data library's: the apps get
 * AlertSubscriptionStore (@escalade/persistence) under this token from its DatabaseModule.
 */
export abstract class AlertSubscriptions {
  /** Those whose filters and partner tenants admit the alert. */
  abstract matching(alert: WebhookAlert): Promise<SubscribedFormat[]>;
  /** Where to send (and how to sign) and in which format, whichever partner tenant it is for; undefined once deleted. */
  abstract get(id: string, partners: 'all'): Promise<(AlertDestination & SubscribedFormat) | undefined>;
}

/** Where the dispatcher records deliveries and their attempts: AlertDeliveryStore (@escalade/persistence) in the apps. */
export abstract class AlertDeliveries {
  /**
   * The delivery of this alert to this subscription, created on the first call (pending, or held until `heldUntil`)
   * and returned unchanged after.
   */
  abstract prepare(alert: WebhookAlert, subscription: { id: string }, payload: object, heldUntil?: string): Promise<AlertDelivery>;
  /** Whichever partner tenant it belongs to; undefined for an unknown id. */
  abstract get(id: string, partners: 'all'): Promise<AlertDelivery | undefined>;
  /** Counts the attempt; success marks the delivery delivered. */
  abstract recordAttempt(id: string, attempt: WebhookResult): Promise<AlertDelivery>;
  /** Gives up on it (one already delivered stays delivered). */
  abstract markDead(id: string, reason: string): Promise<AlertDelivery | undefined>;
}
