import { CANARY_ANSWER, startCanary, startWebhookReceiver, type CanaryServer, type WebhookReceiver } from '@escalade/alerting/testing';
import { AlertDeliveryStore, AlertSubscriptionStore } from '@escalade/persistence';
import { onEscaladeSystem } from '../support/escalade-system';
import { fakeDns, type FakeDns } from './fake-dns';
import { HOSTILE_DESTINATIONS, HOSTILE_ZONE } from './ssrf-destinations';

const SECRET = 'ssrf-suite-secret-0123';
/** What the admitted receiver answers: an internal service's words, which nothing may show. */
const RECEIVER_ANSWER = 'receiver-answer-5be1: db_password=hunter2';

describe('SSRF: an alert subscription cannot turn our outbound requests inward', () => {
  // The one internal receiver a deployment admits; the canaries, on 127.0.0.1 and ::1, stand for everything else.
  const e2e = onEscaladeSystem({ ALERT_ALLOWED_HOSTS: '127.0.0.2' });
  let canaries: CanaryServer[];
  let dns: FakeDns;
  let receiver: WebhookReceiver;
  /** Every API answer the suite got, searched at the end for anything a receiver or a canary said. */
  const answers: string[] = [];
  let tickets = 0;

  beforeAll(async () => {
    canaries = await Promise.all([startCanary('127.0.0.1'), startCanary('::1')]);
    receiver = await startWebhookReceiver(
      [
        { status: 302, headers: { location: `http://127.0.0.1:${canaries[0].port}/admin` }, body: RECEIVER_ANSWER },
        { status: 307, headers: { location: `http://169.254.169.254/latest/meta-data/` }, body: RECEIVER_ANSWER },
        { status: 308, headers: { location: `http://[::1]:${canaries[1].port}/admin` }, body: RECEIVER_ANSWER },
        { status: 500, body: RECEIVER_ANSWER },
      ],
      '127.0.0.2',
    );
    dns = fakeDns(HOSTILE_ZONE);
  });
  afterAll(async () => {
    dns?.restore();
    await Promise.all([receiver?.close(), ...(canaries ?? []).map((canary) => canary.close())]);
  });

  const http = () => e2e.system.http();
  const withPorts = (url: string) => url.replace('{v4}', String(canaries[0].port)).replace('{v6}', String(canaries[1].port));
  /** A delivery for `subscriptionId`, as the worker prepares them, for a ticket of no partner: the admin sees it. */
  const deliveryFor = (subscriptionId: string) => {
    const ticketId = `SSRF-${++tickets}`;
    return e2e.system.api
      .get(AlertDeliveryStore, { strict: false })
      .prepare({ alertKey: `${ticketId}:breach`, kind: 'breach', ticketId }, { id: subscriptionId }, { kind: 'breach', ticketId });
  };
  const redeliver = async (deliveryId: string) => {
    const response = await http().post(`/alerts/${encodeURIComponent(deliveryId)}/redeliver`).expect(200);
    answers.push(response.text);
    return response.body;
  };

  it('has at least 40 hostile destinations', () => {
    expect(HOSTILE_DESTINATIONS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(HOSTILE_DESTINATIONS)('$url: refused when subscribing, and when delivering to one stored before the check', async ({ url, rule, subscribing }) => {
    const destination = withPorts(url);
    const refused = await http().post('/alert-subscriptions').send({ url: destination, secret: SECRET }).expect(400);
    answers.push(refused.text);
    expect(refused.body.errors).toEqual([{ field: 'url', problems: [subscribing ?? `url is refused: ${rule}`] }]);

    const stored = await e2e.system.api.get(AlertSubscriptionStore, { strict: false }).create({ url: destination, secret: SECRET });
    const delivery = await redeliver((await deliveryFor(stored.id)).id);
    expect(delivery).toMatchObject({ status: 'pending', attemptCount: 1, lastError: `refused: ${rule}` });
    expect(delivery.attempts).toEqual([expect.objectContaining({ outcome: 'failed', httpStatus: null, error: `refused: ${rule}` })]);
    expect(canaries.map((canary) => canary.hits)).toEqual([0, 0]);
  });

  it('refuses a name whose answer changes between the check and the connection (DNS rebinding)', async () => {
    const url = `https://rebinding.ssrf.test:${canaries[0].port}/admin`;
    const created = await http().post('/alert-subscriptions').send({ url, secret: SECRET }).expect(201); // public, when checked
    const delivery = await redeliver((await deliveryFor(created.body.id)).id);
    expect(delivery.lastError).toBe('refused: rebinding.ssrf.test resolves to loopback address 127.0.0.1 (ALERT_ALLOWED_HOSTS does not admit it)');
    expect(dns.lookups('rebinding.ssrf.test')).toBe(2);
    expect(canaries.map((canary) => canary.hits)).toEqual([0, 0]);
  });

  it('follows no redirect from an admitted receiver to an internal address, and records no answer of its', async () => {
    const created = await http().post('/alert-subscriptions').send({ url: receiver.url, secret: SECRET }).expect(201);
    const { id } = await deliveryFor(created.body.id);
    const outcomes = [];
    for (let attempt = 0; attempt < 4; attempt++) outcomes.push(await redeliver(id));
    expect(outcomes.map(({ lastError }) => lastError)).toEqual([
      'redirect not followed (HTTP 302)',
      'redirect not followed (HTTP 307)',
      'redirect not followed (HTTP 308)',
      'HTTP 500',
    ]);
    expect(outcomes[3].attempts.map((a: { httpStatus: number }) => a.httpStatus)).toEqual([302, 307, 308, 500]);
    expect(receiver.received).toHaveLength(4);
    expect(canaries.map((canary) => canary.hits)).toEqual([0, 0]);
  });

  it('contacted no canary, and shows no answer of a receiver in any response or delivery record', async () => {
    expect(canaries.map((canary) => canary.hits)).toEqual([0, 0]);
    const { body: listed, text } = await http().get('/alerts?limit=200').expect(200);
    expect(listed.items).toHaveLength(HOSTILE_DESTINATIONS.length + 2);
    const details = await Promise.all(listed.items.map(({ id }: { id: string }) => http().get(`/alerts/${encodeURIComponent(id)}`).expect(200)));
    for (const shown of [...answers, text, ...details.map((detail) => detail.text)]) {
      expect(shown).not.toContain(RECEIVER_ANSWER);
      expect(shown).not.toContain(CANARY_ANSWER);
    }
  });
});
