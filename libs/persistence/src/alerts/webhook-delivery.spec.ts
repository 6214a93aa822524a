import { startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver';
import { deliverWebhook } from './webhook-delivery';
import { verifySignature } from './webhook-signature';

const SECRET = 'whsec-0123456789abcdef';
const delivery = { id: 'T-1:breach:s-1', payload: '{"id":"T-1:breach:s-1","kind":"breach"}', attemptCount: 4 };

describe('deliverWebhook', () => {
  let receiver: WebhookReceiver | undefined;
  afterEach(() => receiver?.close());

  const deliverTo = async (...answers: Parameters<typeof startWebhookReceiver>[0]) => {
    receiver = await startWebhookReceiver(answers);
    return deliverWebhook(delivery, { url: receiver.url, secret: SECRET }, { timeoutMs: 300 });
  };

  it('POSTs the stored payload, signed, with the idempotency key and the attempt number', async () => {
    const sentAt = new Date('2026-11-24T11:00:00.000Z');
    receiver = await startWebhookReceiver([204]);
    const result = await deliverWebhook(delivery, { url: receiver.url, secret: SECRET }, { now: () => sentAt });
    expect(result).toEqual({ delivered: true, httpStatus: 204 });
    const [{ headers, body }] = receiver.received;
    expect(body).toBe(delivery.payload);
    expect(headers).toMatchObject({
      'content-type': 'application/json',
      'idempotency-key': 'T-1:breach:s-1',
      'x-escalade-delivery-attempt': '5',
      'x-escalade-timestamp': String(sentAt.getTime() / 1000),
    });
    const signature = String(headers['x-escalade-signature']);
    expect(verifySignature(SECRET, String(headers['x-escalade-timestamp']), body, signature, { now: () => sentAt })).toBe(true);
  });

  it('fails on any other status, with the start of the answer as the reason', async () => {
    expect(await deliverTo({ status: 400, body: `invalid_payload ${'x'.repeat(500)}` })).toEqual({
      delivered: false,
      httpStatus: 400,
      error: `HTTP 400: invalid_payload ${'x'.repeat(184)}`,
    });
  });

  it('does not follow a redirect', async () => {
    const result = await deliverTo({ status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } });
    expect(result).toEqual({ delivered: false, httpStatus: 302, error: 'HTTP 302' });
  });

  it('gives up on a receiver that does not answer in time', async () => {
    expect(await deliverTo('hang')).toEqual({ delivered: false, error: 'no answer within 300 ms' });
  });

  it('reports a refused connection', async () => {
    const closed = await startWebhookReceiver([200]);
    await closed.close();
    const result = await deliverWebhook(delivery, { url: closed.url, secret: SECRET });
    expect(result).toEqual({ delivered: false, error: expect.stringContaining('ECONNREFUSED') });
  });
});
