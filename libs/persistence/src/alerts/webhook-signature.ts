import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Escalade-Signature';
export const TIMESTAMP_HEADER = 'X-Escalade-Timestamp';
export const ATTEMPT_HEADER = 'X-Escalade-Delivery-Attempt';
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

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
