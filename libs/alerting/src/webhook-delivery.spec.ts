import { Webhook } from 'standardwebhooks';
import { DestinationPolicy } from './outbound/destination-policy';
import { OutboundClient } from './outbound/outbound-client';
import { startCanary } from './testing/canary-server';
import { loopbackOutbound } from './testing/loopback-outbound';
import { startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver';
import { deliverWebhook } from './webhook-delivery';
import { verifySignature } from './webhook-signature';

const SECRET = 'whsec-0123456789abcdef';
const INTERNAL_ANSWER = 'db_password=hunter2 internal-admin-page';
const delivery = { id: 'T-1:breach:s-1', payload: '{"id":"T-1:breach:s-1","kind":"breach"}', attemptCount: 4 };
const signedBy = (url: string, signatureScheme: 'escalade-v1' | 'standard-webhooks' = 'escalade-v1') => ({ url, secret: SECRET, signatureScheme });

describe('deliverWebhook', () => {
  let receiver: WebhookReceiver | undefined;
  afterEach(() => receiver?.close());

  const deliverTo = async (...answers: Parameters<typeof startWebhookReceiver>[0]) => {
    await receiver?.close();
    receiver = await startWebhookReceiver(answers);
    return deliverWebhook(delivery, signedBy(receiver.url), { outbound: loopbackOutbound({ timeoutMs: 300 }) });
  };

  it('POSTs the stored payload, signed, with the idempotency key and the attempt number', async () => {
    const sentAt = new Date('2026-11-24T11:00:00.000Z');
    receiver = await startWebhookReceiver([204]);
    const result = await deliverWebhook(delivery, signedBy(receiver.url), { outbound: loopbackOutbound(), now: () => sentAt });
    expect(result).toEqual({ delivered: true, httpStatus: 204 });
    const [{ headers, body }] = receiver.received;
    expect(body).toBe(delivery.payload);
    expect(headers).toMatchObject({
      'content-type': 'application/json',
      'idempotency-key': 'T-1:breach:s-1',
      'x-escalade-delivery-attempt': '5',
      'x-escalade-timestamp': String(sentAt.getTime() / 1000),
    });
    expect(headers).not.toHaveProperty('webhook-signature');
    const signature = String(headers['x-escalade-signature']);
    expect(verifySignature(SECRET, String(headers['x-escalade-timestamp']), body, signature, { now: () => sentAt })).toBe(true);
  });

  it('signs in the Standard Webhooks format for a subscription that asks for it, which its library verifies', async () => {
    receiver = await startWebhookReceiver([200]);
    const secret = `whsec_${Buffer.from('a key of thirty-two bytes, fixed').toString('base64')}`;
    const result = await deliverWebhook(delivery, { ...signedBy(receiver.url, 'standard-webhooks'), secret }, { outbound: loopbackOutbound() });
    expect(result).toEqual({ delivered: true, httpStatus: 200 });
    const [{ headers, body }] = receiver.received;
    expect(headers).toMatchObject({ 'webhook-id': delivery.id, 'idempotency-key': delivery.id, 'x-escalade-delivery-attempt': '5' });
    expect(headers).not.toHaveProperty('x-escalade-signature');
    expect(new Webhook(secret).verify(body, headers as Record<string, string>)).toEqual(JSON.parse(delivery.payload));
  });

  it('fails on any other status with the status only, never what the receiver answered', async () => {
    expect(await deliverTo({ status: 400, body: `invalid_payload ${INTERNAL_ANSWER}` })).toEqual({ delivered: false, httpStatus: 400, error: 'HTTP 400' });
    expect(await deliverTo({ status: 500, body: INTERNAL_ANSWER })).toEqual({ delivered: false, httpStatus: 500, error: 'HTTP 500' });
  });

  it('does not follow a redirect', async () => {
    const canary = await startCanary();
    const result = await deliverTo({ status: 302, headers: { location: `http://127.0.0.1:${canary.port}/elsewhere` }, body: INTERNAL_ANSWER });
    expect(result).toEqual({ delivered: false, httpStatus: 302, error: 'redirect not followed (HTTP 302)' });
    expect(canary.hits).toBe(0);
    await canary.close();
  });

  it('gives up on a receiver that does not answer in time', async () => {
    expect(await deliverTo('hang')).toEqual({ delivered: false, error: 'timeout: no answer within 300 ms' });
  });

  it('reports a refused connection', async () => {
    const closed = await startWebhookReceiver([200]);
    await closed.close();
    expect(await deliverWebhook(delivery, signedBy(closed.url), { outbound: loopbackOutbound() })).toEqual({
      delivered: false,
      error: 'connection refused',
    });
  });

  it('sends nothing to a destination ALERT_ALLOWED_HOSTS does not admit, and says which rule refused it', async () => {
    receiver = await startWebhookReceiver([200]);
    const strict = new OutboundClient(new DestinationPolicy({ production: false }));
    expect(await deliverWebhook(delivery, signedBy(receiver.url), { outbound: strict })).toEqual({
      delivered: false,
      error: 'refused: loopback address 127.0.0.1 (ALERT_ALLOWED_HOSTS does not admit it)',
    });
    expect(receiver.received).toEqual([]);
  });
});
