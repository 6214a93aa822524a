import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Webhook } from 'standardwebhooks';
import {
  AlertDispatcher,
  DestinationPolicy,
  OutboundClient,
  smtpEmailOptions,
  verifySignature,
  type SlackAlertPayload,
  type TeamsAlertPayload,
} from '@escalade/alerting';
import { aWebhookAlert, loopbackOutbound, startSmtpReceiver, startWebhookReceiver, type WebhookReceiver } from '@escalade/alerting/testing';
import { processRegistry } from '@escalade/metrics';
import { ScrapedMetrics } from '@escalade/metrics/testing';
import { KeyRing } from '@escalade/secrets';
import { testDatabases } from '../testing/test-databases';
import { AlertDeliveryStore } from './alert-delivery.store';
import { AlertSubscriptionStore } from './alert-subscription.store';

const SECRET = 'whsec-0123456789abcdef';
const PARTNER_A = '0a1b2c3d-0000-4000-8000-00000000000a';
const PARTNER_B = '0a1b2c3d-0000-4000-8000-00000000000b';

describe.each(testDatabases())('AlertDispatcher over the alert stores on $name', (database) => {
  let dataSource: DataSource;
  let subscriptions: AlertSubscriptionStore;
  let deliveries: AlertDeliveryStore;
  let dispatcher: AlertDispatcher;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    dataSource = await database.open();
    subscriptions = new AlertSubscriptionStore(dataSource, new KeyRing(randomBytes(32)));
    deliveries = new AlertDeliveryStore(dataSource);
    // Long enough for a loaded CI machine to answer the receiver's 200 in time; the hanging answer costs it once.
    dispatcher = new AlertDispatcher(subscriptions, deliveries, { outbound: loopbackOutbound({ timeoutMs: 1_500 }) });
  });
  afterEach(async () => {
    await receiver?.close();
    await dataSource.query('DELETE FROM alert_subscriptions');
  });
  afterAll(() => database.close(dataSource));

  it('prepares one delivery per matching subscription, in its format, and no more when asked again', async () => {
    const json = await subscriptions.create({ url: 'https://a.example.com', secret: SECRET, severities: ['A'] });
    const slack = await subscriptions.create({ url: 'https://b.example.com', secret: SECRET, format: 'slack' });
    await subscriptions.create({ url: 'https://c.example.com', secret: SECRET, kinds: ['closure'] });
    const alert = aWebhookAlert({ alertKey: 'P-1:breach', ticketId: 'P-1' });

    const prepared = await dispatcher.prepareDeliveries(alert);
    expect(prepared.map((d) => d.id).sort()).toEqual([`P-1:breach:${json.id}`, `P-1:breach:${slack.id}`].sort());
    const bodyFor = (subscriptionId: string) => JSON.parse(prepared.find((d) => d.subscriptionId === subscriptionId)?.payload ?? '');
    expect(bodyFor(json.id)).toMatchObject({ id: `P-1:breach:${json.id}`, kind: 'breach' });
    expect((bodyFor(slack.id) as SlackAlertPayload).blocks[0]).toMatchObject({ type: 'header' });

    expect((await dispatcher.prepareDeliveries(alert)).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...prepared].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(await deliveries.list({ ticketId: 'P-1', limit: 10 }, 'all')).toHaveLength(2);
  });

  it('sends an alert at once: each delivery prepared and attempted once, side by side; asked again, nothing is sent twice', async () => {
    receiver = await startWebhookReceiver([200]);
    const failing = await startWebhookReceiver([503]);
    try {
      const ok = await subscriptions.create({ url: receiver.url, secret: SECRET });
      const down = await subscriptions.create({ url: failing.url, secret: SECRET });
      const alert = aWebhookAlert({ alertKey: 'S-1:breach', ticketId: 'S-1' });

      const sent = await dispatcher.send(alert);
      const outcome = (subscriptionId: string) => sent.find((d) => d.deliveryId === `S-1:breach:${subscriptionId}`);
      expect(outcome(ok.id)).toMatchObject({ delivered: true, retryable: false });
      expect(outcome(down.id)).toMatchObject({ delivered: false, httpStatus: 503, retryable: true });
      expect([receiver.received.length, failing.received.length]).toEqual([1, 1]);

      // A retried activity: the delivered one is not sent again; the failed one is attempted once more.
      const again = await dispatcher.send(alert);
      expect(again.map((d) => d.deliveryId).sort()).toEqual(sent.map((d) => d.deliveryId).sort());
      expect([receiver.received.length, failing.received.length]).toEqual([1, 2]);
      expect(await deliveries.get(`S-1:breach:${ok.id}`, 'all')).toMatchObject({ status: 'delivered', attemptCount: 1 });
    } finally {
      await failing.close();
    }
  });

  it('records a 500 and a time-out as failures, then the delivery; the receiver sees one key and valid signatures', async () => {
    receiver = await startWebhookReceiver([500, 'hang', 200]);
    await subscriptions.create({ url: receiver.url, secret: SECRET });
    const [delivery] = await dispatcher.prepareDeliveries(aWebhookAlert({ alertKey: 'R-1:escalation:1', ticketId: 'R-1' }));
    const attempts = async (outcome: string) =>
      new ScrapedMetrics(await processRegistry.metrics()).value('escalade_alert_delivery_duration_seconds', { channel: 'json', outcome });
    const [failedBefore, deliveredBefore] = [await attempts('failed'), await attempts('delivered')];

    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await dispatcher.attempt(delivery.id));
    expect([(await attempts('failed')) - failedBefore, (await attempts('delivered')) - deliveredBefore]).toEqual([2, 1]);
    expect(outcomes.map(({ delivered, httpStatus, error, retryable }) => ({ delivered, httpStatus, error, retryable }))).toEqual([
      { delivered: false, httpStatus: 500, error: 'HTTP 500', retryable: true },
      { delivered: false, httpStatus: undefined, error: 'timeout: no answer within 1500 ms', retryable: true },
      { delivered: true, httpStatus: 200, error: undefined, retryable: false },
    ]);
    expect(outcomes[2].delivery).toMatchObject({ status: 'delivered', attemptCount: 3, lastError: null });

    expect(receiver.received.map((r) => r.headers['idempotency-key'])).toEqual([delivery.id, delivery.id, delivery.id]);
    expect(receiver.received.map((r) => r.headers['x-escalade-delivery-attempt'])).toEqual(['1', '2', '3']);
    for (const { headers, body } of receiver.received) {
      expect(body).toBe(delivery.payload);
      const timestamp = String(headers['x-escalade-timestamp']);
      expect(verifySignature(SECRET, timestamp, body, String(headers['x-escalade-signature']))).toBe(true);
    }
    const detail = await deliveries.get(delivery.id, 'all');
    expect(detail?.attempts.map((a) => [a.outcome, a.httpStatus])).toEqual([
      ['failed', 500],
      ['failed', null],
      ['delivered', 200],
    ]);
  });

  it('sends a delivered delivery again only when asked to resend, with the same key', async () => {
    receiver = await startWebhookReceiver([200]);
    await subscriptions.create({ url: receiver.url, secret: SECRET });
    const [delivery] = await dispatcher.prepareDeliveries(aWebhookAlert({ alertKey: 'S-1:closure', ticketId: 'S-1', kind: 'closure' }));
    await dispatcher.attempt(delivery.id);

    const retried = await dispatcher.attempt(delivery.id);
    expect(retried).toMatchObject({ delivered: true, retryable: false, delivery: { attemptCount: 1 } });
    expect(receiver.received).toHaveLength(1);

    const resent = await dispatcher.attempt(delivery.id, { resend: true });
    expect(resent).toMatchObject({ delivered: true, httpStatus: 200, delivery: { attemptCount: 2, status: 'delivered' } });
    expect(receiver.received.map((r) => r.headers['idempotency-key'])).toEqual([delivery.id, delivery.id]);
  });

  it('signs in the scheme its subscription chose: Standard Webhooks, verified by that library', async () => {
    receiver = await startWebhookReceiver([204]);
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    await subscriptions.create({ url: receiver.url, secret, signatureScheme: 'standard-webhooks' });
    const [delivery] = await dispatcher.prepareDeliveries(aWebhookAlert({ alertKey: 'W-1:breach', ticketId: 'W-1' }));

    expect(await dispatcher.attempt(delivery.id)).toMatchObject({ delivered: true, httpStatus: 204 });
    const [{ headers, body }] = receiver.received;
    expect(headers['webhook-id']).toBe(delivery.id);
    expect(new Webhook(secret).verify(body, headers as Record<string, string>)).toEqual(JSON.parse(delivery.payload));
  });

  it("records a failure's status and our reason, never the receiver's answer, nor anything sent where the policy refuses", async () => {
    receiver = await startWebhookReceiver([{ status: 500, body: 'Traceback (most recent call last): internal secret' }]);
    await subscriptions.create({ url: receiver.url, secret: SECRET });
    const [answered] = await dispatcher.prepareDeliveries(aWebhookAlert({ alertKey: 'E-1:breach', ticketId: 'E-1' }));
    expect(await dispatcher.attempt(answered.id)).toMatchObject({ error: 'HTTP 500', delivery: { lastError: 'HTTP 500' } });

    const strict = new AlertDispatcher(subscriptions, deliveries, { outbound: new OutboundClient(new DestinationPolicy({ production: false })) });
    await dataSource.query('DELETE FROM alert_subscriptions');
    await subscriptions.create({ url: receiver.url, secret: SECRET });
    const [refused] = await strict.prepareDeliveries(aWebhookAlert({ alertKey: 'E-2:breach', ticketId: 'E-2' }));
    const reason = 'refused: loopback address 127.0.0.1 (ALERT_ALLOWED_HOSTS does not admit it)';
    expect(await strict.attempt(refused.id)).toMatchObject({ delivered: false, retryable: true, error: reason, delivery: { lastError: reason } });
    expect(receiver.received).toHaveLength(1);

    const attempts = [...((await deliveries.get(answered.id, 'all'))?.attempts ?? []), ...((await deliveries.get(refused.id, 'all'))?.attempts ?? [])];
    expect(attempts.map(({ httpStatus, error }) => ({ httpStatus, error }))).toEqual([
      { httpStatus: 500, error: 'HTTP 500' },
      { httpStatus: null, error: reason },
    ]);
  });

  it('sends each delivery by its channel: a Teams card POSTed to its URL, an e-mail over SMTP to its address, each timed', async () => {
    receiver = await startWebhookReceiver([200]);
    const smtp = await startSmtpReceiver();
    try {
      const email = smtpEmailOptions(smtp.url, 'Escalade <alerts@partner.example>');
      const sending = new AlertDispatcher(subscriptions, deliveries, { outbound: loopbackOutbound(), email });
      const teams = await subscriptions.create({ url: receiver.url, secret: SECRET, format: 'teams' });
      const mailed = await subscriptions.create({ email: 'duty.manager@contoso.com', format: 'email' });
      const delivered = async (channel: string) =>
        new ScrapedMetrics(await processRegistry.metrics()).value('escalade_alert_delivery_duration_seconds', { channel, outcome: 'delivered' });
      const before = [await delivered('teams'), await delivered('email')];

      const sent = await sending.send(aWebhookAlert({ alertKey: 'M-1:breach', ticketId: 'M-1' }));
      expect(sent.map(({ deliveryId, delivered }) => ({ deliveryId, delivered }))).toEqual(
        expect.arrayContaining([
          { deliveryId: `M-1:breach:${teams.id}`, delivered: true },
          { deliveryId: `M-1:breach:${mailed.id}`, delivered: true },
        ]),
      );
      const card = JSON.parse(receiver.received[0].body) as TeamsAlertPayload;
      expect(card.attachments[0].content.body[0]).toMatchObject({ text: 'Response target breached: ticket M-1' });
      expect(smtp.received).toEqual([
        expect.objectContaining({ recipients: ['duty.manager@contoso.com'], subject: 'Response target breached: ticket M-1' }),
      ]);
      expect(smtp.received[0].text).toContain(`delivery M-1:breach:${mailed.id}`);
      expect([(await delivered('teams')) - before[0], (await delivered('email')) - before[1]]).toEqual([1, 1]);
    } finally {
      await smtp.close();
    }
  });

  it('fails an e-mail delivery, sending nothing, where SMTP_URL is not set; and tells so before anyone subscribes', async () => {
    await subscriptions.create({ email: 'duty.manager@contoso.com', format: 'email' });
    const [delivery] = await dispatcher.prepareDeliveries(aWebhookAlert({ alertKey: 'N-1:breach', ticketId: 'N-1' }));
    const notConfigured = 'e-mail alerts are not configured (SMTP_URL is not set)';
    expect(await dispatcher.attempt(delivery.id)).toMatchObject({ delivered: false, retryable: true, error: notConfigured });
    expect(dispatcher.deliveryProblemOf('email')).toBe(notConfigured);
    expect(dispatcher.deliveryProblemOf('teams')).toBeUndefined();
  });

  it('marks a delivery dead after its last failure; a later attempt can still deliver it', async () => {
    receiver = await startWebhookReceiver([503, 200]);
    await subscriptions.create({ url: receiver.url, secret: SECRET });
    const [delivery] = await dispatcher.prepareDeliveries(aWebhookAlert({ alertKey: 'D-1:warning', ticketId: 'D-1', kind: 'warning' }));
    const failed = await dispatcher.attempt(delivery.id);
    expect(await dispatcher.markDead(delivery.id, `gave up: ${failed.error}`)).toMatchObject({
      status: 'dead',
      lastError: 'gave up: HTTP 503',
    });
    expect(await dispatcher.attempt(delivery.id)).toMatchObject({ delivered: true, delivery: { status: 'delivered' } });
  });

  it('tells that retrying cannot help when the delivery or its subscription is gone, recording the latter', async () => {
    const subscription = await subscriptions.create({ url: 'https://gone.example.com', secret: SECRET });
    const [delivery] = await dispatcher.prepareDeliveries(aWebhookAlert({ alertKey: 'G-1:breach', ticketId: 'G-1' }));
    await subscriptions.delete(subscription.id, 'all');

    expect(await dispatcher.attempt(delivery.id)).toMatchObject({
      delivered: false,
      retryable: false,
      error: `Subscription "${subscription.id}" was deleted`,
      delivery: { attemptCount: 1, status: 'pending' },
    });
    expect(await dispatcher.attempt('nope')).toEqual({ delivered: false, retryable: false, error: 'No alert delivery "nope"' });
  });

  it("prepares deliveries only for subscriptions of the alert's partner tenant or of every one, recorded as that partner's", async () => {
    const every = await subscriptions.create({ url: 'https://every.example.com', secret: SECRET, partnerTenantIds: '*' });
    const forA = await subscriptions.create({ url: 'https://a.example.com', secret: SECRET, partnerTenantIds: [PARTNER_A] });
    const forB = await subscriptions.create({ url: 'https://b.example.com', secret: SECRET, partnerTenantIds: [PARTNER_B] });
    const forBoth = await subscriptions.create({ url: 'https://ab.example.com', secret: SECRET, partnerTenantIds: [PARTNER_A, PARTNER_B] });
    const bySubscription = (recorded: Array<{ subscriptionId: string; partnerTenantId: string | null }>) =>
      recorded
        .map(({ subscriptionId, partnerTenantId }) => ({ subscriptionId, partnerTenantId }))
        .sort((x, y) => x.subscriptionId.localeCompare(y.subscriptionId));
    /** As the store recorded them: the dispatcher answers only what it needs of a delivery. */
    const recorded = async (prepared: Array<{ id: string }>) =>
      bySubscription((await deliveries.list({ limit: 50 }, 'all')).filter((delivery) => prepared.some(({ id }) => id === delivery.id)));
    const expected = (partnerTenantId: string | null, ...subscribed: Array<{ id: string }>) =>
      bySubscription(subscribed.map(({ id }) => ({ subscriptionId: id, partnerTenantId })));

    const ofA = await dispatcher.prepareDeliveries(aWebhookAlert({ alertKey: 'Q-1:breach', ticketId: 'Q-1', partnerTenantId: PARTNER_A }));
    expect(await recorded(ofA)).toEqual(expected(PARTNER_A, every, forA, forBoth));
    const ofB = await dispatcher.prepareDeliveries(
      aWebhookAlert({ alertKey: 'Q-2:breach', ticketId: 'Q-2', partnerTenantId: PARTNER_B.toUpperCase() }),
    );
    expect(await recorded(ofB)).toEqual(expected(PARTNER_B, every, forB, forBoth));
    // Raised by a workflow started before partner isolation: only subscriptions for every partner receive it.
    const ofNobody = await dispatcher.prepareDeliveries(aWebhookAlert({ alertKey: 'Q-3:breach', ticketId: 'Q-3' }));
    expect(await recorded(ofNobody)).toEqual(expected(null, every));

    expect((await deliveries.list({ limit: 50 }, [PARTNER_B])).map((d) => d.id).sort()).toEqual(ofB.map((d) => d.id).sort());
  });
});
