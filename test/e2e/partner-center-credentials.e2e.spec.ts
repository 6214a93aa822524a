import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { aServiceRequest } from '@escalade/domain/testing';
import { startWebhookReceiver, type WebhookReceiver } from '@escalade/alerting/testing';
import type { TicketView } from '@escalade/contract';
import type { FaultWindow, LoggedRequest } from '@escalade/ms-simulator';
import { startSimulator, type RunningSimulator } from '@escalade/ms-simulator/testing';
import { simulatorCredentialsEnv } from '../../tools/simulator-credentials';
import { EscaladeSystem } from '../support/escalade-system';
import { startDevServer } from '../support/temporal-servers';

// Issue 13, "How it is checked": the worker signs in with the app credentials (Secure Application Model: a refresh token
// redeemed at Entra ID's token endpoint, rotated on every use), never a static token, against the simulator playing both
// Entra ID and Partner Center, whose access tokens live 3 seconds: the worker renews one every 1.5 s (half its life).

const ACCESS_TOKEN_LIFETIME_SECONDS = 3;
// The outage the issue names. The blocked filings retry 15 s, 30 s, 60 s … after their failure, so a ticket blocked at
// the start of the window files about 105 s after it began: that test takes about 115 s, the file about 2 min 20 s on
// a 2-core machine. (30 s would halve it — tickets then file at 45 s — if CI ever needs the time.)
const OUTAGE_MS = 60_000;
const RETRY_AFTER_SECONDS = 4;
// The first 429 and the client's own reading of it are a few milliseconds apart: requests already on their way then
// may still arrive; after this, nothing may until Retry-After has elapsed.
const CLOCK_TOLERANCE_MS = 100;

type TimelineEvent = { type: string; data: Record<string, unknown>; summary: string };
type JsonAlert = { kind: string; ticketId: string; summary: string; id: string };
type SimulatorResource = { id: string; title: string; createdDate: string };

/** The filing of a ticket the test has waited to see filed. */
function handoffOf(ticket: TicketView): NonNullable<TicketView['handoff']> {
  if (!ticket.handoff) throw new Error(`ticket ${ticket.id} is not filed: ${JSON.stringify(ticket)}`);
  return ticket.handoff;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it gives a value `done` accepts; fails with the last value seen. */
async function eventually<T>(
  what: string,
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
  everyMs = 250,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > until) {
      throw new Error(`${what} did not happen within ${timeoutMs} ms; last seen: ${JSON.stringify(value).slice(0, 4_000)}`);
    }
    await sleep(everyMs);
  }
}

describe('Filing with Partner Center on App+User tokens that expire, through a credential outage and throttling', () => {
  let env: TestWorkflowEnvironment;
  let simulator: RunningSimulator;
  let system: EscaladeSystem;
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-credentials-e2e-'));
  const http = () => system.http();

  // ---- the simulator's testing endpoints (no token) and Microsoft's view of the tickets (with one) ----

  async function simulatorControl<T>(method: string, route: string, body?: unknown): Promise<T> {
    const response = await fetch(`${simulator.baseUrl}/simulator/${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} /simulator/${route}: HTTP ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
  const openFault = (window: { kind: '429' | '500' | '401'; durationMs: number; retryAfterSeconds?: number }) =>
    simulatorControl<FaultWindow>('POST', 'faults', window);
  const requestsSince = async (since: string) =>
    (await simulatorControl<{ items: LoggedRequest[] }>('GET', `requests?since=${encodeURIComponent(since)}`)).items;

  /** Every service request Partner Center (the simulator) holds, as its own list shows them. */
  async function microsoftTickets(): Promise<SimulatorResource[]> {
    const response = await fetch(`${simulator.baseUrl}/v1/servicerequests`, {
      headers: { authorization: `Bearer ${simulator.accessToken()}`, accept: 'application/json' },
    });
    if (response.status !== 200) throw new Error(`GET /v1/servicerequests: HTTP ${response.status} ${await response.text()}`);
    return ((await response.json()) as { items: SimulatorResource[] }).items;
  }
  /** Microsoft's tickets filed for our ticket `id` (its id is in the title, see `open`). */
  const filedFor = (tickets: SimulatorResource[], id: string) => tickets.filter((t) => t.title === titleOf(id));
  const titleOf = (id: string) => `Virtual machines unreachable (${id})`;

  // ---- our side ----

  async function open(id: string): Promise<void> {
    const serviceRequest = { ...aServiceRequest({ severity: 'A', title: titleOf(id) }), requestId: id };
    await http().post('/service-requests').send(serviceRequest).expect(201);
  }
  const ticket = async (id: string): Promise<TicketView> => (await http().get(`/service-requests/${id}`).expect(200)).body;
  const timeline = async (id: string): Promise<TimelineEvent[]> =>
    (await http().get(`/service-requests/${id}/timeline`).expect(200)).body.events;
  const filedOrClosed = (t: TicketView) => !!t.handoff || t.status === 'closed';
  /** Waits until every ticket is filed (or closed), polling them all in one round. */
  async function allFiledOrClosed(ids: string[], timeoutMs: number): Promise<TicketView[]> {
    return eventually(
      `filing of ${ids.length} tickets`,
      () => Promise.all(ids.map(ticket)),
      (tickets) => tickets.every(filedOrClosed),
      timeoutMs,
      500,
    ).catch(async (err) => {
      const stuck = (await Promise.all(ids.map(ticket)))
        .filter((t) => !filedOrClosed(t))
        .map(({ id, status, handoffBlocked }) => ({ id, status, handoffBlocked }));
      throw new Error(`${(err as Error).message.slice(0, 200)}… not filed: ${JSON.stringify(stuck)}`);
    });
  }

  beforeAll(async () => {
    simulator = await startSimulator({
      SIMULATOR_ACCESS_TOKEN_LIFETIME_SECONDS: String(ACCESS_TOKEN_LIFETIME_SECONDS),
      SIMULATOR_REFRESH_TOKEN_ROTATION: 'true',
      // A redeemed refresh token stops working 5 s later: a worker that did not move on to the rotated one would fail
      // its renewals within the first test.
      SIMULATOR_REFRESH_TOKEN_GRACE_SECONDS: '5',
      // Its own answers come after 24 minutes at the earliest: never during the test.
      SIMULATOR_TIME_SCALE: '1',
      SIMULATOR_SEED: '13',
    });
    env = await startDevServer();
    // The app credentials, renewed at the simulator's token endpoint; no PARTNER_CENTER_TOKEN. The rotated refresh token
    // is kept encrypted under the key made in keyDir.
    const credentials = simulatorCredentialsEnv(simulator.baseUrl, keyDir) as Record<string, string>;
    system = new EscaladeSystem(env, {
      ...credentials,
      MICROSOFT_SUPPORT: 'simulator',
      PARTNER_CENTER_URL: simulator.baseUrl,
      // Real hours: severity A's 2 h target never breaches during the test (breaches do not touch the filing anyway).
      SLA_TIME_SCALE: '1',
      // The watch poller lists the filed tickets every second: Partner Center traffic besides the filings.
      MICROSOFT_POLL_INTERVAL_MS: '1000',
    });
    expect(process.env.PARTNER_CENTER_TOKEN).toBeUndefined();
    await system.start();
    // The worker bundles the workflow code when it starts: one ticket filed first, so the tests' own tickets are
    // filed as they arrive, not in one burst once the worker is ready.
    await open('warm-up-1');
    await system.waitForTicket('warm-up-1', (t) => !!t.handoff || t.status === 'closed', 60_000);
  }, 120_000);

  afterEach(async () => {
    await simulatorControl('DELETE', 'faults');
  });

  afterAll(async () => {
    await system?.stop();
    await env?.teardown();
    await simulator?.app.close();
    fs.rmSync(keyDir, { recursive: true, force: true });
  });

  it('files 50 tickets across several access-token renewals: each once, none rejected', async () => {
    const since = new Date().toISOString();
    const ids = Array.from({ length: 50 }, (_, i) => `renewal-${i + 1}`);
    const startedAt = Date.now();
    // Spread over about 10 s: more than three access-token lifetimes.
    await Promise.all(
      ids.map(async (id, i) => {
        await sleep(i * 200);
        await open(id);
      }),
    );
    const tickets = await allFiledOrClosed(ids, 60_000);
    const elapsedMs = Date.now() - startedAt;

    expect(tickets.filter((t) => t.outcome === 'handoff-rejected').map((t) => t.id)).toEqual([]);
    expect(tickets.filter((t) => t.status !== 'awaiting-response').map((t) => [t.id, t.status, t.outcome])).toEqual([]);
    const microsoftIds = tickets.map((t) => handoffOf(t).microsoftTicketId);
    expect(new Set(microsoftIds).size).toBe(50);

    // Microsoft's side: one ticket each, the one our ticket names.
    const atMicrosoft = await microsoftTickets();
    for (const t of tickets) expect(filedFor(atMicrosoft, t.id).map((r) => r.id)).toEqual([handoffOf(t).microsoftTicketId]);

    const log = await requestsSince(since);
    const creates = log.filter((r) => r.operation === 'create');
    const renewals = log.filter((r) => r.operation === 'token');
    expect(creates.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(50);
    expect(renewals.every((r) => r.status === 200)).toBe(true);
    // Tokens renewed at half their 3 s life while the creates went on: several renewals between the first and last.
    const firstCreate = creates[0].at;
    const lastCreate = creates[creates.length - 1].at;
    const renewalsDuringFiling = renewals.filter((r) => r.at > firstCreate && r.at < lastCreate);
    expect(renewalsDuringFiling.length).toBeGreaterThanOrEqual(3);
    // Each token is renewed half-way through its life, so Partner Center should refuse none; one held up for 1.5 s on a
    // busy machine could still be, then renewed and retried (every ticket filed above): counted, not failed on.
    const refused = log.filter((r) => r.status === 401).length;
    console.log(
      `renewals: 50 filed in ${elapsedMs} ms; ${renewals.length} token renewals ` +
        `(${renewalsDuringFiling.length} during the filings, at ${renewals.map((r) => r.at.slice(11)).join(', ')}); ` +
        `${creates.length} creates (${creates.filter((r) => r.status === 201).length} answered 201), ` +
        `from ${firstCreate} to ${lastCreate}; ${refused} answered 401`,
    );
  }, 90_000);

  it('keeps tickets through a credential outage (401): blocked, one alert, then each filed once by itself', async () => {
    const receiver: WebhookReceiver = await startWebhookReceiver([204]);
    const { body: subscription } = await http()
      .post('/alert-subscriptions')
      .send({ url: receiver.url, secret: 'partner-center-credentials-e2e', kinds: ['handoff-blocked'] })
      .expect(201);
    try {
      const ids = Array.from({ length: 20 }, (_, i) => `outage-${i + 1}`);
      const outage = await openFault({ kind: '401', durationMs: OUTAGE_MS });
      const outageEndsAt = Date.parse(outage.endsAt);
      // 20 tickets arrive in the first 5 s of the outage.
      await Promise.all(
        ids.map(async (id, i) => {
          await sleep(i * 250);
          await open(id);
        }),
      );

      // While the outage lasts: every ticket blocked, in handing-off, with HandoffBlocked on its timeline.
      const blocked = await eventually(
        'every ticket blocked',
        () => Promise.all(ids.map(ticket)),
        (tickets) => tickets.every((t) => t.status === 'handing-off' && !!t.handoffBlocked),
        30_000,
        500,
      );
      expect(Date.now()).toBeLessThan(outageEndsAt);
      expect(blocked.filter((t) => t.handoff || t.outcome).map((t) => t.id)).toEqual([]);
      for (const t of blocked) {
        expect(t.handoffBlocked).toEqual({ reason: expect.stringMatching(/credentials failing/), since: expect.any(String) });
        const events = await eventually(
          `HandoffBlocked on ${t.id}'s timeline`,
          () => timeline(t.id),
          (e) => e.some((x) => x.type === 'HandoffBlocked'),
          10_000,
        );
        expect(events.filter((e) => e.type === 'HandoffBlocked')).toHaveLength(1);
        expect(events.map((e) => e.type)).not.toContain('HandoffRejected');
      }
      // Nothing reached Microsoft meanwhile (read from its store: its API refuses every token during the outage).
      expect(simulator.store.list().filter((r) => ids.some((id) => r.title === titleOf(id)))).toEqual([]);

      // After it: every ticket files by itself, once. The blocked retries back off 15 s, 30 s, 60 s.
      const filed = await allFiledOrClosed(ids, OUTAGE_MS + 90_000);
      const recoveredAfterMs = Date.now() - outageEndsAt;
      expect(filed.filter((t) => t.outcome === 'handoff-rejected').map((t) => t.id)).toEqual([]);
      expect(filed.filter((t) => t.status !== 'awaiting-response').map((t) => [t.id, t.status, t.outcome])).toEqual([]);
      expect(filed.filter((t) => t.handoffBlocked).map((t) => t.id)).toEqual([]);
      const atMicrosoft = await microsoftTickets();
      for (const t of filed) {
        expect(filedFor(atMicrosoft, t.id).map((r) => r.id)).toEqual([handoffOf(t).microsoftTicketId]);
        // Filed after the outage, not during it.
        expect(Date.parse(handoffOf(t).filedAt)).toBeGreaterThanOrEqual(outageEndsAt);
        const events = await timeline(t.id);
        expect(events.filter((e) => e.type === 'HandedOff')).toHaveLength(1);
        expect(events.filter((e) => e.type === 'HandoffBlocked')).toHaveLength(1);
      }
      expect(new Set(filed.map((t) => handoffOf(t).microsoftTicketId)).size).toBe(20);

      // Exactly one handoff-blocked alert for the whole outage. Each ticket raised its alert when it was blocked, 45 s
      // and more before the last one filed: every delivery those alerts made (our alert log, delivered or not) exists by
      // now, and there must be one.
      type Delivery = { id: string; kind: string; status: string; ticketId: string; subscriptionId: string };
      const deliveriesOf = async (id: string): Promise<Delivery[]> =>
        (await http().get(`/alerts?ticketId=${id}`).expect(200)).body.items;
      const deliveries = (await Promise.all(ids.map(deliveriesOf)))
        .flat()
        .filter((d) => d.kind === 'handoff-blocked' && d.subscriptionId === subscription.id);
      expect(deliveries.map(({ id, ticketId, status }) => ({ id, ticketId, status }))).toEqual([
        { id: expect.any(String), ticketId: expect.any(String), status: 'delivered' },
      ]);
      const alerts = () =>
        receiver.received.map((r) => JSON.parse(r.body) as JsonAlert).filter((a) => a.kind === 'handoff-blocked');
      await eventually('the handoff-blocked alert at the receiver', async () => alerts().length, (n) => n >= 1, 30_000);
      expect(alerts()).toHaveLength(1);
      expect(alerts()[0].ticketId).toBe(deliveries[0].ticketId);
      expect(ids).toContain(alerts()[0].ticketId);
      console.log(
        `outage: ${OUTAGE_MS} ms of 401; 20 tickets blocked, recovered ${recoveredAfterMs} ms after it ended; ` +
          `alerts received: ${receiver.received.length}`,
      );
    } finally {
      await http().delete(`/alert-subscriptions/${subscription.id}`).expect(204);
      await receiver.close();
    }
  }, OUTAGE_MS + 150_000);

  it('honours Retry-After during a 429 window: no Partner Center request before it elapses, then files the tickets', async () => {
    const since = new Date().toISOString();
    const ids = Array.from({ length: 5 }, (_, i) => `throttled-${i + 1}`);
    // Retry-After outlasts the window: once it has elapsed, Partner Center takes requests again.
    await openFault({ kind: '429', durationMs: 2_000, retryAfterSeconds: RETRY_AFTER_SECONDS });
    await open(ids[0]);
    const [first429] = await eventually(
      'the first 429',
      async () => (await requestsSince(since)).filter((r) => r.status === 429),
      (throttled) => throttled.length > 0,
      10_000,
      50,
    );
    const quietFrom = Date.parse(first429.at);
    const quietUntil = quietFrom + RETRY_AFTER_SECONDS * 1000;
    // The others are opened while the client must stay quiet (the watch poller keeps listing meanwhile, too).
    for (const id of ids.slice(1)) await open(id);
    const openedBy = Date.now();
    expect(openedBy).toBeLessThan(quietUntil);

    const tickets = await allFiledOrClosed(ids, 30_000);
    const partnerCenterRequests = (await requestsSince(since)).filter((r) => r.operation !== 'token');
    /** Partner Center requests that arrived in the Retry-After of a 429 answered at `from`, past the tolerance. */
    const tooEarlyAfter = (from: number) =>
      partnerCenterRequests.filter((r) => {
        const at = Date.parse(r.at);
        return at > from + CLOCK_TOLERANCE_MS && at < from + RETRY_AFTER_SECONDS * 1000 - CLOCK_TOLERANCE_MS;
      });
    expect(tooEarlyAfter(quietFrom)).toEqual([]);
    // Every 429 orders quiet: none was followed by a request before its own Retry-After either.
    for (const throttled of partnerCenterRequests.filter((r) => r.status === 429)) {
      expect(tooEarlyAfter(Date.parse(throttled.at))).toEqual([]);
    }

    // Filed after Retry-After, each once, none rejected.
    expect(tickets.filter((t) => t.status !== 'awaiting-response').map((t) => [t.id, t.status, t.outcome])).toEqual([]);
    const atMicrosoft = await microsoftTickets();
    for (const t of tickets) {
      expect(Date.parse(handoffOf(t).filedAt)).toBeGreaterThanOrEqual(quietUntil - CLOCK_TOLERANCE_MS);
      expect(filedFor(atMicrosoft, t.id).map((r) => r.id)).toEqual([handoffOf(t).microsoftTicketId]);
    }
    const creates = partnerCenterRequests.filter((r) => r.operation === 'create');
    const next = partnerCenterRequests.find((r) => Date.parse(r.at) > quietFrom + CLOCK_TOLERANCE_MS);
    console.log(
      `429: first at ${first429.at}; ${partnerCenterRequests.filter((r) => r.status === 429).length} answered 429; ` +
        `tickets opened by ${new Date(openedBy).toISOString()}; next Partner Center request ${next?.at} (${next?.operation}); ` +
        `creates: ${creates.map((r) => `${r.at.slice(11)} ${r.status}`).join(', ')}`,
    );
  }, 60_000);
});
