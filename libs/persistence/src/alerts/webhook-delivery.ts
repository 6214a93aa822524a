import type { AlertDeliveryEntity } from './alert-delivery.entity';
import type { AlertSubscriptionEntity } from './alert-subscription.entity';
import { ATTEMPT_HEADER, IDEMPOTENCY_KEY_HEADER, SIGNATURE_HEADER, signDelivery, TIMESTAMP_HEADER } from './webhook-signature';

export interface WebhookOptions {
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
  now?: () => Date;
}

export interface WebhookResult {
  delivered: boolean;
  httpStatus?: number;
  /** Why the attempt failed: the HTTP status and the start of the answer, a time-out or a network error. */
  error?: string;
}

const ERROR_BODY_LIMIT = 200;

/**
 * POSTs the stored payload once, signed, with the delivery id as Idempotency-Key. Never throws and never retries:
 * any 2xx is delivered, anything else (other statuses, redirects, a time-out, a network error) failed with the reason.
 */
export async function deliverWebhook(
  delivery: Pick<AlertDeliveryEntity, 'id' | 'payload' | 'attemptCount'>,
  subscription: Pick<AlertSubscriptionEntity, 'url' | 'secret'>,
  { fetch = globalThis.fetch, timeoutMs = 10_000, now = () => new Date() }: WebhookOptions = {},
): Promise<WebhookResult> {
  const timestamp = String(Math.floor(now().getTime() / 1000));
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const response = await fetch(subscription.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        [SIGNATURE_HEADER]: signDelivery(subscription.secret, timestamp, delivery.payload),
        [TIMESTAMP_HEADER]: timestamp,
        [IDEMPOTENCY_KEY_HEADER]: delivery.id,
        [ATTEMPT_HEADER]: String(delivery.attemptCount + 1),
      },
      body: delivery.payload,
      // A redirected POST may turn into a GET or leave for another host: the subscription's URL must answer itself.
      redirect: 'manual',
      signal: abort.signal,
    });
    if (response.ok) {
      await response.body?.cancel();
      return { delivered: true, httpStatus: response.status };
    }
    const answer = (await response.text()).slice(0, ERROR_BODY_LIMIT).trim();
    return { delivered: false, httpStatus: response.status, error: `HTTP ${response.status}${answer ? `: ${answer}` : ''}` };
  } catch (err) {
    if (abort.signal.aborted) return { delivered: false, error: `no answer within ${timeoutMs} ms` };
    const { message, cause } = err as Error & { cause?: Error };
    return { delivered: false, error: cause?.message ? `${message}: ${cause.message}` : message };
  } finally {
    clearTimeout(timer);
  }
}
