import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startWebhookReceiver, type WebhookReceiver } from '@escalade/alerting/testing';
import { startTestIssuer, type TestIssuer } from '@escalade/api/testing';
import { EscaladeSystem } from '../support/escalade-system';
import { entraSettings } from '../support/entra-settings';
import { startDevServer } from '../support/temporal-servers';
import { crossTenantProbes, foreignMarkers, probesPerRoute, type KnownDelivery } from './cross-tenant-probes';
import { findLeaks } from './leak-finder';
import { PROVIDER_RESELLERS, seedPartnerWorld, SUBSCRIBED_KINDS, TENANT, tenantsOf, type Caller, type Partner, type PartnerWorld } from './partner-world';

// 0.0005 turns severity A's 2 hours into 3.6 s: every ticket is warned about and breaches while the suite sets up.
const TIME_SCALE = '0.0005';
const SEED = 14;
/** What a principal does to a ticket: none of these may appear on a ticket its own partner did not act on. */
const ACTIONS = ['MicrosoftResponded', 'AzureAccessGranted', 'SeverityChanged', 'NoteSentToMicrosoft', 'ServiceRequestClosed'];

describe("Partner isolation: no principal reaches another partner's tickets, alerts, subscriptions or keys", () => {
  let env: TestWorkflowEnvironment;
  let issuer: TestIssuer;
  let receiver: WebhookReceiver;
  let system: EscaladeSystem;
  let world: PartnerWorld;
  let deliveries: KnownDelivery[];

  /** The deployment's admin (bound to every partner tenant), which sees everything. */
  const admin = () => system.http();
  const caller = (label: string): Caller => {
    const found = world.callers.find((c) => c.label === label);
    if (!found) throw new Error(`no caller "${label}"`);
    return found;
  };
  const as = (label: string) => system.http(caller(label).credential);
  const customerOf = (partner: Partner, id: string) => {
    const ticket = world.tickets.find((t) => t.partner === partner && t.id === id);
    if (!ticket) throw new Error(`no ticket ${partner} ${id}`);
    return ticket.customer.name;
  };

  /** Waits until every alert of every ticket is delivered: a warning and a breach per ticket and covering subscription. */
  async function allDelivered(): Promise<KnownDelivery[]> {
    const covering = world.tickets.flatMap((t) => world.subscriptions.filter((s) => s.partners.includes(t.partner)));
    const expected = covering.length * SUBSCRIBED_KINDS.length;
    const until = Date.now() + 40_000;
    for (;;) {
      const { body } = await admin().get('/alerts?limit=200').expect(200);
      if (body.items.length === expected && body.items.every((d: { status: string }) => d.status === 'delivered')) return body.items;
      if (Date.now() > until) throw new Error(`expected ${expected} delivered alerts, got ${JSON.stringify(body.items)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  beforeAll(async () => {
    [env, issuer, receiver] = await Promise.all([startDevServer(), startTestIssuer(), startWebhookReceiver([200])]);
    const identity = entraSettings(issuer, { allowed: tenantsOf(['A', 'B', 'P']), partners: { [TENANT.P]: tenantsOf(PROVIDER_RESELLERS) } });
    system = new EscaladeSystem(env, { ...identity, MICROSOFT_SUPPORT: 'in-process', SLA_TIME_SCALE: TIME_SCALE }, { adminKey: 'api-key-store' });
    await system.start();
    world = await seedPartnerWorld(system, issuer, receiver.url);
    deliveries = await allDelivered();
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
    await receiver?.close();
    await issuer?.close();
    await env?.teardown();
  });

  it('keeps the same ticket id of two partners apart: two tickets, each seen by its partner only', async () => {
    expect((await as('Entra admin of A').get('/service-requests/INC-1').expect(200)).body).toMatchObject({ partnerTenantId: TENANT.A, customer: customerOf('A', 'INC-1') });
    expect((await as('API key of B').get('/service-requests/INC-1').expect(200)).body).toMatchObject({ partnerTenantId: TENANT.B, customer: customerOf('B', 'INC-1') });
    const { body } = await admin().get('/service-requests/INC-1').expect(409);
    expect(body.message).toContain('add ?partnerTenantId=<tenant>');
    const { body: all } = await admin().get('/service-requests?limit=200').expect(200);
    expect(all.items.map((t: { key: string }) => t.key).sort()).toEqual(world.tickets.map((t) => t.key).sort());
  });

  it('answers at least 1,000 cross-tenant probes, over every route and both streams, without a single leak', async () => {
    const probes = crossTenantProbes(world, deliveries, SEED);
    const started = Date.now();
    const leaks = await findLeaks(system.url, probes, (c) => foreignMarkers(world, c));
    const perRoute = Object.entries(probesPerRoute(probes)).map(([route, count]) => `  ${route}: ${count}`);
    console.log(`cross-tenant probes: ${probes.length}, leaks: ${leaks.length}, ${Date.now() - started} ms (seed ${SEED})\n${perRoute.join('\n')}`);
    expect(probes.length).toBeGreaterThanOrEqual(1_000);
    expect(leaks).toEqual([]);
  }, 90_000);

  it("reports as leaks another partner's data in the answers: the GET probes of A's admin, sent with B's admin's credential", async () => {
    const a = caller('Entra admin of A');
    const b = caller('Entra admin of B');
    const aWithBsCredential: Caller = { ...a, credential: b.credential, cookie: b.cookie };
    const probes = crossTenantProbes({ ...world, callers: [aWithBsCredential] }, deliveries, SEED).filter((p) => p.request.method === 'GET');
    const leaks = await findLeaks(system.url, probes, (c) => foreignMarkers(world, c));
    const problems = leaks.flatMap((leak) => leak.problems);
    const askingForB = probes.filter((p) => p.request.path.toLowerCase().includes(TENANT.B)).map((p) => `GET ${p.request.path}`);
    expect(askingForB.length).toBeGreaterThanOrEqual(6);
    expect(leaks.map((leak) => leak.request)).toEqual(expect.arrayContaining(askingForB));
    expect(problems).toEqual(expect.arrayContaining([`the answer contains "${customerOf('B', 'B-2')}"`, `the answer contains "${TENANT.B}"`]));
    expect(leaks.some((leak) => leak.request.startsWith('GET /events/stream') && leak.problems.some((p) => p.startsWith('events of ticket-')))).toBe(true);
  });

  it('left every ticket, delivery, subscription and API key as it was, and made none', async () => {
    const { body: tickets } = await admin().get('/service-requests?limit=200').expect(200);
    expect(tickets.items).toHaveLength(world.tickets.length);
    for (const ticket of world.tickets) {
      const { body } = await admin().get(`/service-requests/${ticket.id}/timeline?partnerTenantId=${TENANT[ticket.partner]}`).expect(200);
      expect({ ticket: ticket.key, actions: body.events.filter((e: { type: string }) => ACTIONS.includes(e.type)) }).toEqual({ ticket: ticket.key, actions: [] });
    }
    const attempts = (items: KnownDelivery[]) => Object.fromEntries(items.map((d) => [d.id, d.attemptCount]));
    expect(attempts((await admin().get('/alerts?limit=200').expect(200)).body.items)).toEqual(attempts(deliveries));
    const { body: subscriptions } = await admin().get('/alert-subscriptions').expect(200);
    expect(subscriptions.items.map((s: { id: string }) => s.id).sort()).toEqual(world.subscriptions.map((s) => s.id).sort());
    const { body: keys } = await admin().get('/api-keys').expect(200);
    expect(keys.items.map((k: { id: string }) => k.id).sort()).toEqual(world.apiKeys.map((k) => k.id).sort());
    expect(keys.items.filter((k: { revokedAt: string | null }) => k.revokedAt !== null)).toEqual([]);
  });

  it("lets P's admin pick between its resellers' tickets sharing an id, and asks which one without ?partnerTenantId", async () => {
    const { body: ambiguous } = await as('Entra admin of P').get('/service-requests/SHARED-1').expect(409);
    expect(ambiguous.message).toContain(TENANT.R1);
    expect(ambiguous.message).toContain(TENANT.R2);
    for (const reseller of PROVIDER_RESELLERS) {
      const { body } = await as('Entra admin of P').get(`/service-requests/SHARED-1?partnerTenantId=${TENANT[reseller]}`).expect(200);
      expect(body).toMatchObject({ partnerTenantId: TENANT[reseller], customer: customerOf(reseller, 'SHARED-1') });
    }
    await as('Entra admin of P').post(`/service-requests/SHARED-1/notes?partnerTenantId=${TENANT.R1}`).send({ text: 'For R1 only' }).expect(200);
    const noted = async (reseller: Partner) =>
      (await as('Entra admin of P').get(`/service-requests/SHARED-1/timeline?partnerTenantId=${TENANT[reseller]}`).expect(200)).body.events.some(
        (e: { type: string }) => e.type === 'NoteSentToMicrosoft',
      );
    expect({ R1: await noted('R1'), R2: await noted('R2') }).toEqual({ R1: true, R2: false });
    // A key of one reseller has no ambiguity: the id means its own ticket.
    expect((await as('API key of R2').get('/service-requests/SHARED-1').expect(200)).body.partnerTenantId).toBe(TENANT.R2);
  });

  it("still serves each principal's own requests, on its own ticket only", async () => {
    const closed = await as('API key of A').post('/service-requests/INC-1/close').send({ resolution: 'Fixed for A' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed' });
    expect((await as('Entra admin of B').get('/service-requests/INC-1').expect(200)).body).toMatchObject({ partnerTenantId: TENANT.B, status: 'awaiting-response' });
    await as('Entra admin of B').post('/service-requests/B-2/notes').send({ text: 'More logs attached' }).expect(200);
    const changed = await as('API key of R2').post('/service-requests/R2-2/severity').send({ severity: 'B', reason: 'Workaround found' }).expect(200);
    expect(changed.body.severity).toBe('B');
    await as('Entra admin of P').get('/service-requests/P-1/timeline').expect(200);
    const { body: own } = await as('API key of R1').get('/service-requests?limit=200').expect(200);
    expect(own.items.map((t: { key: string }) => t.key).sort()).toEqual(world.tickets.filter((t) => t.partner === 'R1').map((t) => t.key).sort());
  });
});
