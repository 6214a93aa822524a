import { createHmac, timingSafeEqual } from 'node:crypto';

/** How deliveries are signed: our `v1=` HMAC headers (X-Escalade-Signature), or the Standard Webhooks ones. */
export const SIGNATURE_SCHEMES = ['escalade-v1', 'standard-webhooks'] as const;
export type SignatureScheme = (typeof SIGNATURE_SCHEMES)[number];

export const SIGNATURE_HEADER = 'X-Escalade-Signature';
export const TIMESTAMP_HEADER = 'X-Escalade-Timestamp';
export const ATTEMPT_HEADER = 'X-Escalade-Delivery-Attempt';
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Standard Webhooks (standardwebhooks.com): the message id, unix seconds, and `v1,<base64 HMAC-SHA256>`. */
export const STANDARD_WEBHOOK_ID_HEADER = 'webhook-id';
export const STANDARD_WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const STANDARD_WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';
const STANDARD_WEBHOOK_SECRET_PREFIX = 'whsec_';

/** How far a delivery's timestamp may be from the receiver's clock before it is taken for a replay. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

/** `v1=` and the hex HMAC-SHA256 of `<timestamp>.<body>` under the subscription's secret. */
export function signDelivery(secret: string, timestamp: number | string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface VerifyOptions {
  toleranceSeconds?: number;
  now?: () => Date;
}

/**
 * For receivers: true when `signature` is the body's signature at `timestamp` (unix seconds, as sent in
 * X-Escalade-Timestamp) and that timestamp is within the tolerance of now, so a captured request cannot be replayed later.
 */
export function verifySignature(
  secret: string,
  timestamp: number | string,
  body: string,
  signature: string,
  { toleranceSeconds = DEFAULT_SIGNATURE_TOLERANCE_SECONDS, now = () => new Date() }: VerifyOptions = {},
): boolean {
  const seconds = String(timestamp);
  if (!/^\d{1,15}$/.test(seconds)) return false;
  if (Math.abs(now().getTime() / 1000 - Number(seconds)) > toleranceSeconds) return false;
  const expected = Buffer.from(signDelivery(secret, seconds, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The key Standard Webhooks signs with: a `whsec_<base64>` secret is the key in base64, as the format defines it
 * (receivers pass it as is to `new Webhook(secret)`); any other secret's bytes are the key
 * (`new Webhook(Buffer.from(secret).toString('base64'))`).
 */
function standardWebhookKey(secret: string): Buffer {
  return secret.startsWith(STANDARD_WEBHOOK_SECRET_PREFIX)
    ? Buffer.from(secret.slice(STANDARD_WEBHOOK_SECRET_PREFIX.length), 'base64')
    : Buffer.from(secret, 'utf8');
}

/** `v1,` and the base64 HMAC-SHA256 of `<id>.<timestamp>.<body>`. */
export function signStandardWebhook(secret: string, id: string, timestamp: number | string, body: string): string {
  return `v1,${createHmac('sha256', standardWebhookKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

export interface SignedMessage {
  /** The delivery id: the same on every attempt, so receivers can drop repeats. */
  id: string;
  /** Unix seconds. */
  timestamp: number;
  body: string;
}

/** The headers that sign a delivery in the subscription's scheme. */
export function signatureHeaders(scheme: SignatureScheme, secret: string, { id, timestamp, body }: SignedMessage): Record<string, string> {
  if (scheme === 'standard-webhooks') {
    return {
      [STANDARD_WEBHOOK_ID_HEADER]: id,
      [STANDARD_WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
      [STANDARD_WEBHOOK_SIGNATURE_HEADER]: signStandardWebhook(secret, id, timestamp, body),
    };
  }
  return { [SIGNATURE_HEADER]: signDelivery(secret, timestamp, body), [TIMESTAMP_HEADER]: String(timestamp) };
}
