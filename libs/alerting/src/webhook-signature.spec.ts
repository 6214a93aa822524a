import { createHmac, randomBytes } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { signatureHeaders, signDelivery, verifySignature } from './webhook-signature';

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

describe('signature headers by scheme', () => {
  const id = 'P-1~T-1:breach:0a1b2c3d-0000-4000-8000-00000000000a';
  const message = () => ({ id, timestamp: Math.floor(Date.now() / 1000), body: BODY });

  it('escalade-v1: X-Escalade-Signature and X-Escalade-Timestamp, as documented', () => {
    const sent = message();
    const headers = signatureHeaders('escalade-v1', SECRET, sent);
    expect(Object.keys(headers).sort()).toEqual(['X-Escalade-Signature', 'X-Escalade-Timestamp']);
    expect(verifySignature(SECRET, headers['X-Escalade-Timestamp'], BODY, headers['X-Escalade-Signature'])).toBe(true);
  });

  it('standard-webhooks: verified by the standardwebhooks library with a whsec_ secret given as is', () => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const headers = signatureHeaders('standard-webhooks', secret, message());
    expect(Object.keys(headers).sort()).toEqual(['webhook-id', 'webhook-signature', 'webhook-timestamp']);
    expect(headers['webhook-id']).toBe(id);
    expect(new Webhook(secret).verify(BODY, headers)).toEqual(JSON.parse(BODY));
  });

  it('standard-webhooks: any other secret is the key as its bytes, which the library takes in base64', () => {
    const headers = signatureHeaders('standard-webhooks', SECRET, message());
    expect(new Webhook(Buffer.from(SECRET).toString('base64')).verify(BODY, headers)).toEqual(JSON.parse(BODY));
  });

  it('standard-webhooks: the library refuses a tampered body, another id, another secret and an old message', () => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const headers = signatureHeaders('standard-webhooks', secret, message());
    const verifier = new Webhook(secret);
    expect(() => verifier.verify(BODY.replace('breach', 'closure'), headers)).toThrow(WebhookVerificationError);
    expect(() => verifier.verify(BODY, { ...headers, 'webhook-id': `${id}x` })).toThrow(WebhookVerificationError);
    expect(() => new Webhook(`whsec_${randomBytes(32).toString('base64')}`).verify(BODY, headers)).toThrow(WebhookVerificationError);
    const old = signatureHeaders('standard-webhooks', secret, { ...message(), timestamp: SENT_AT });
    expect(() => verifier.verify(BODY, old)).toThrow('Message timestamp too old');
  });
});
