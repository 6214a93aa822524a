import type { AlertDelivery } from './alert-stores';
import type { OutboundClient } from './outbound/outbound-client';
import { failureReason } from './outbound/outbound-failure';
import { ATTEMPT_HEADER, IDEMPOTENCY_KEY_HEADER, signatureHeaders, type SignatureScheme } from './webhook-signature';

export interface WebhookOptions {
  /** The way out: the destination policy (ALERT_ALLOWED_HOSTS, https in production), time-outs and the response cap. */
  outbound: OutboundClient;
  now?: () => Date;
}

export interface WebhookResult {
  delivered: boolean;
  httpStatus?: number;
  /**
   * Why the attempt failed, in our words only (`HTTP 500`, `redirect not followed (HTTP 302)`, `timeout: …`,
   * `connection refused`, `refused: <rule>` …): never anything the receiver answered.
   */
  error?: string;
}

/** Where a delivery goes and how it is signed. */
export interface WebhookDestination {
  url: string;
  secret: string;
  signatureScheme: SignatureScheme;
}

/**
 * POSTs the stored payload once, signed in the subscription's scheme, with the delivery id as Idempotency-Key. Never
 * throws and never retries: any 2xx is delivered, anything else (other statuses, a redirect, which is not followed, a
 * refused destination, a time-out, a network error) failed with the reason.
 */
export async function deliverWebhook(
  delivery: Pick<AlertDelivery, 'id' | 'payload' | 'attemptCount'>,
  destination: WebhookDestination,
  { outbound, now = () => new Date() }: WebhookOptions,
): Promise<WebhookResult> {
  const timestamp = Math.floor(now().getTime() / 1000);
  const message = { id: delivery.id, timestamp, body: delivery.payload };
  try {
    const { status } = await outbound.post(destination.url, {
      headers: {
        'Content-Type': 'application/json',
        ...signatureHeaders(destination.signatureScheme, destination.secret, message),
        [IDEMPOTENCY_KEY_HEADER]: delivery.id,
        [ATTEMPT_HEADER]: String(delivery.attemptCount + 1),
      },
      body: delivery.payload,
    });
    if (status >= 200 && status < 300) return { delivered: true, httpStatus: status };
    return { delivered: false, httpStatus: status, error: status >= 300 && status < 400 ? `redirect not followed (HTTP ${status})` : `HTTP ${status}` };
  } catch (err) {
    return { delivered: false, error: failureReason(err) };
  }
}
