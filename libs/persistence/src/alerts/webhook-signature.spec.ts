import { createHmac } from 'node:crypto';
import { signDelivery, verifySignature } from './webhook-signature';

const SECRET = 'whsec-0123456789abcdef';
const BODY = '{"id":"T-1:breach:s-1","kind":"breach"}';
const SENT_AT = 1_795_000_000; // unix seconds
const at = (seconds: number) => () => new Date(seconds * 1000);

describe('webhook signatures', () => {
  const signature = signDelivery(SECRET, SENT_AT, BODY);

  it('signs "<timestamp>.<body>" with HMAC-SHA256, as v1=<hex>', () => {
    const hex = createHmac('sha256', SECRET).update(`${SENT_AT}.${BODY}`).digest('hex');
    expect(signature).toBe(`v1=${hex}`);
  });

  it('verifies a genuine delivery, the timestamp given as the header string', () => {
    expect(verifySignature(SECRET, String(SENT_AT), BODY, signature, { now: at(SENT_AT + 10) })).toBe(true);
  });

  it('rejects a tampered body, another secret, another timestamp and a malformed signature', () => {
    const now = at(SENT_AT);
    expect(verifySignature(SECRET, SENT_AT, BODY.replace('breach', 'closure'), signature, { now })).toBe(false);
    expect(verifySignature('another-secret-0123', SENT_AT, BODY, signature, { now })).toBe(false);
    expect(verifySignature(SECRET, SENT_AT + 1, BODY, signature, { now })).toBe(false);
    expect(verifySignature(SECRET, SENT_AT, BODY, signature.slice(0, -1), { now })).toBe(false);
    expect(verifySignature(SECRET, SENT_AT, BODY, 'garbage', { now })).toBe(false);
    expect(verifySignature(SECRET, `${SENT_AT}.5`, BODY, signature, { now })).toBe(false);
  });

  it('rejects a timestamp outside the replay window, 300 seconds either way by default', () => {
    expect(verifySignature(SECRET, SENT_AT, BODY, signature, { now: at(SENT_AT + 300) })).toBe(true);
    expect(verifySignature(SECRET, SENT_AT, BODY, signature, { now: at(SENT_AT + 301) })).toBe(false);
    expect(verifySignature(SECRET, SENT_AT, BODY, signature, { now: at(SENT_AT - 301) })).toBe(false);
    expect(verifySignature(SECRET, SENT_AT, BODY, signature, { now: at(SENT_AT + 3600), toleranceSeconds: 3600 })).toBe(true);
    expect(verifySignature(SECRET, SENT_AT, BODY, signature)).toBe(false); // now: years after SENT_AT
  });
});
