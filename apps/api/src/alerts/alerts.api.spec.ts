import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AlertDispatcher, OutboundClient } from '@escalade/alerting';
import {
  aWebhookAlert,
  startCanary,
  startSmtpReceiver,
  startWebhookReceiver,
  type SmtpReceiver,
  type WebhookReceiver,
} from '@escalade/alerting/testing';
import { appConfigModule } from '@escalade/config';
import { AlertDeliveryStore, AlertSubscriptionStore, DatabaseModule } from '@escalade/persistence';
import { aPrincipal, principalHeader, testPrincipalGuard } from '../auth/testing/test-principal';
import type { Principal } from '../auth/principal';
import { createValidationPipe } from '../validation/validation.pipe';
import { AlertsModule } from './alerts.module';
import { AlertsService } from './alerts.service';

const SECRET = 'whsec-0123456789abcdef';
const PARTNER_A = '0a1b2c3d-0000-4000-8000-00000000000a';
const PARTNER_B = '0a1b2c3d-0000-4000-8000-00000000000b';
const PARTNER_C = '0a1b2c3d-0000-4000-8000-00000000000c';
const ALL_ADMIN = aPrincipal('*');
const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
const ADMIN_A = aPrincipal([PARTNER_A]);
const ADMIN_B = aPrincipal([PARTNER_B]);

describe('alerts API (AlertsModule on a SQLite file)', () => {
  const savedEnv = { ...process.env };
  let dataDir: string;
  let app: INestApplication;
  let receiver: WebhookReceiver;
  let smtp: SmtpReceiver;
  /** Requests as `principal`: an admin of every partner tenant unless told. */
  const as = (principal: Principal = ALL_ADMIN) => {
    const agent = request(app.getHttpServer());
    const header = principalHeader(principal);
    return {
      get: (url: string) => agent.get(url).set(...header),
      post: (url: string) => agent.post(url).set(...header),
      delete: (url: string) => agent.delete(url).set(...header),
    };
  };
  const http = () => as(ALL_ADMIN);

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-alerts-api-'));
    process.env.DATA_DIR = dataDir;
    // The receivers here listen on loopback, as a local deployment's may once ALERT_ALLOWED_HOSTS admits them.
    process.env.ALERT_ALLOWED_HOSTS = '127.0.0.1,localhost';
    smtp = await startSmtpReceiver();
    process.env.SMTP_URL = smtp.url;
    delete process.env.DATABASE_URL;
    const moduleRef = await Test.createTestingModule({
      // appConfigModule() reads the environment when called: only after DATA_DIR is set.
      imports: [appConfigModule(), DatabaseModule.forRoot({ runMigrations: true }), AlertsModule],
      providers: [testPrincipalGuard],
    }).compile();
    app = moduleRef.createNestApplication();
    app.useGlobalPipes(createValidationPipe());
    await app.init();
    receiver = await startWebhookReceiver([500, 200]);
  });

  afterAll(async () => {
    await receiver?.close();
    await smtp?.close();
    await app?.close();
    process.env = savedEnv;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a subscription naming every invalid field', async () => {
    const { body } = await http()
      .post('/alert-subscriptions')
      .send({
        url: 'ftp://hooks.example.com',
        secret: 'short',
        severities: ['Z'],
        products: 'azure',
        kinds: ['page'],
        format: 'xml',
        extra: 1,
      })
      .expect(400);
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['extra', 'format', 'kinds', 'products', 'secret', 'severities', 'url'].sort(),
    );
    const empty = await http().post('/alert-subscriptions').send({}).expect(400);
    expect(empty.body.message).toBe('Invalid request: url, secret');
    expect((await http().get('/alert-subscriptions').expect(200)).body).toEqual({ items: [] });
  });

  it('creates, lists and deletes subscriptions, never showing the secret', async () => {
    const created = await http()
      .post('/alert-subscriptions')
      .send({ url: 'http://localhost:9/hook', secret: SECRET, severities: ['A', 'B'], customers: ['contoso.com'] })
      .expect(201);
    expect(created.body).toMatchObject({
      url: 'http://localhost:9/hook',
      severities: ['A', 'B'],
      products: [],
      format: 'json',
      partnerTenantIds: '*',
    });
    expect(created.body).not.toHaveProperty('secret');

    const listed = await http().get('/alert-subscriptions').expect(200);
    expect(listed.body.items).toEqual([created.body]);

    await http().delete(`/alert-subscriptions/${created.body.id}`).expect(204);
    await http().delete(`/alert-subscriptions/${created.body.id}`).expect(404);
  });

  it("shows a Slack subscription's URL, a credential, redacted, and a URL's query values hidden; takes a signature scheme", async () => {
    const slack = await http()
      .post('/alert-subscriptions')
      .send({ url: 'http://localhost:9/services/T0001/B0002/slack-url-token', secret: SECRET, format: 'slack' })
      .expect(201);
    const json = await http()
      .post('/alert-subscriptions')
      .send({ url: 'http://localhost:9/hook?token=query-token', secret: SECRET, signatureScheme: 'standard-webhooks' })
      .expect(201);
    expect(slack.body).toMatchObject({ url: 'http://localhost:9/services/T000…/…', signatureScheme: 'escalade-v1' });
    expect(json.body).toMatchObject({ url: 'http://localhost:9/hook?token=…', signatureScheme: 'standard-webhooks' });

    const listed = await http().get('/alert-subscriptions').expect(200);
    expect(listed.body.items).toEqual([slack.body, json.body]);
    expect(JSON.stringify(listed.body)).not.toMatch(/slack-url-token|query-token/);
    const { body } = await http().post('/alert-subscriptions').send({ url: 'http://localhost:9/hook', secret: SECRET, signatureScheme: 'v2' }).expect(400);
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['signatureScheme']);
    for (const { id } of listed.body.items) await http().delete(`/alert-subscriptions/${id}`).expect(204);
  });

  it("keeps a recipient's calendar for quiet hours, and names every problem of a bad one", async () => {
    const calendar = { timeZone: 'Europe/Paris', week: { 1: [[540, 1020]], 5: [[540, 1020]] } };
    const created = await http().post('/alert-subscriptions').send({ url: 'http://localhost:9/hook', secret: SECRET, calendar }).expect(201);
    expect(created.body.calendar).toEqual({ ...calendar, holidays: [] });
    expect((await http().get('/alert-subscriptions').expect(200)).body.items).toEqual([created.body]);

    // Raised on Sunday 29 November 2026 at 22:00 in Paris: B waits for Monday 09:00 there, A goes at once.
    const sundayNight = { ticketId: 'QUIET-1', partnerTenantId: PARTNER_A, occurredAt: '2026-11-29T21:00:00.000Z' };
    const dispatcher = app.get(AlertDispatcher);
    const [held] = await dispatcher.prepareDeliveries(aWebhookAlert({ ...sundayNight, alertKey: 'QUIET-1:warning', kind: 'warning', severity: 'B' }));
    const [atOnce] = await dispatcher.prepareDeliveries(aWebhookAlert({ ...sundayNight, alertKey: 'QUIET-1:breach', kind: 'breach', severity: 'A' }));
    const listed = await http().get('/alerts?ticketId=QUIET-1').expect(200);
    expect(listed.body.items.map(({ id, status, heldUntil }: { id: string; status: string; heldUntil: string | null }) => ({ id, status, heldUntil })).sort(byId)).toEqual(
      [
        { id: held.id, status: 'held', heldUntil: '2026-11-30T08:00:00.000Z' },
        { id: atOnce.id, status: 'pending', heldUntil: null },
      ].sort(byId),
    );
    expect((await http().get('/alerts?status=held').expect(200)).body.items.map(({ id }: { id: string }) => id)).toEqual([held.id]);
    await http().delete(`/alert-subscriptions/${created.body.id}`).expect(204);

    const refusedFields = async (calendar: unknown) => {
      const { body } = await http().post('/alert-subscriptions').send({ url: 'http://localhost:9/hook', secret: SECRET, calendar }).expect(400);
      return body.errors;
    };
    expect(await refusedFields({ timeZone: 'Paris', week: { 1: [[1020, 540]], 8: [[0, 60]] }, holidays: ['25/12/2026'] })).toEqual([
      { field: 'calendar.week.8', problems: ['property 8 should not exist'] },
      { field: 'calendar.timeZone', problems: ['calendar.timeZone must be an IANA time zone name such as "Europe/Paris" or "UTC"'] },
      {
        field: 'calendar.week.1',
        problems: ['calendar.week.1 must be up to 24 [startMinute, endMinute] ranges, whole minutes from midnight with 0 ≤ start < end ≤ 1440'],
      },
      { field: 'calendar.holidays', problems: ['each value in calendar.holidays must be a local date YYYY-MM-DD'] },
    ]);
    expect(await refusedFields({ timeZone: 'UTC', week: {} })).toEqual([
      { field: 'calendar.week', problems: ['calendar.week has no working time: give at least one day a range'] },
    ]);
    expect(await refusedFields('9 to 5')).toEqual([{ field: 'calendar', problems: ['calendar must be a JSON object'] }]);
    expect((await http().get('/alert-subscriptions').expect(200)).body).toEqual({ items: [] });
  });

  it('names each field an e-mail subscription or a levels filter gets wrong', async () => {
    const email = 'duty.manager@contoso.com';
    const url = 'http://localhost:9/hook';
    const refused = async (subscription: object) =>
      (await http().post('/alert-subscriptions').send(subscription).expect(400)).body.errors.map((e: { field: string }) => e.field);
    expect(await refused({ format: 'email', email: 'duty.manager' })).toEqual(['email']);
    expect(await refused({ format: 'email' })).toEqual(['email']);
    expect(await refused({ format: 'email', email, url })).toEqual(['url']);
    expect(await refused({ format: 'email', email, secret: SECRET, signatureScheme: 'escalade-v1' })).toEqual(['secret', 'signatureScheme']);
    expect(await refused({ url, secret: SECRET, email })).toEqual(['email']);
    expect(await refused({ format: 'teams', email })).toEqual(['url', 'email', 'secret']);
    expect(await refused({ format: 'sms', email })).toEqual(['format']);
    expect(await refused({ url, secret: SECRET, levels: [1, 0] })).toEqual(['levels']);
    expect(await refused({ url, secret: SECRET, levels: ['2', 1.5] })).toEqual(['levels']);
    expect(await refused({ url, secret: SECRET, levels: 2 })).toEqual(['levels']);
    const { body } = await http().post('/alert-subscriptions').send({ format: 'email', email, url }).expect(400);
    expect(body.errors).toEqual([{ field: 'url', problems: ['url is not for format email: an e-mail subscription names `email` instead'] }]);
    expect((await http().get('/alert-subscriptions').expect(200)).body).toEqual({ items: [] });
  });

  it('subscribes an e-mail address by level, shows it redacted, and e-mails it the alerts of that level', async () => {
    const { body: created } = await http()
      .post('/alert-subscriptions')
      .send({ format: 'email', email: 'duty.manager@contoso.com', levels: [2] })
      .expect(201);
    expect(created).toMatchObject({ email: 'd***@contoso.com', format: 'email', levels: [2] });
    expect(created).not.toHaveProperty('url');
    expect(created).not.toHaveProperty('secret');
    expect((await http().get('/alert-subscriptions').expect(200)).body.items).toEqual([created]);

    const dispatcher = app.get(AlertDispatcher);
    expect(await dispatcher.prepareDeliveries(aWebhookAlert({ alertKey: 'API-2:escalation:1', kind: 'escalation', level: 1 }))).toEqual([]);
    const [prepared] = await dispatcher.prepareDeliveries(aWebhookAlert({ alertKey: 'API-2:escalation:2', ticketId: 'API-2', kind: 'escalation', level: 2 }));
    const redelivered = await http().post(`/alerts/${encodeURIComponent(prepared.id)}/redeliver`).expect(200);
    expect(redelivered.body).toMatchObject({ status: 'delivered', attemptCount: 1, payload: JSON.parse(prepared.payload) });
    expect(smtp.received).toEqual([expect.objectContaining({ recipients: ['duty.manager@contoso.com'], subject: 'Escalation: ticket API-2' })]);
    expect((await http().get('/alerts?ticketId=API-2').expect(200)).body.items).toEqual([
      expect.objectContaining({ id: prepared.id, subscriptionId: created.id, status: 'delivered' }),
    ]);
    await http().delete(`/alert-subscriptions/${created.id}`).expect(204);
  });

  it('refuses an e-mail subscription with a 400 naming format where SMTP_URL is not set', async () => {
    const subscriptions = app.get(AlertSubscriptionStore);
    const deliveries = app.get(AlertDeliveryStore);
    const outbound = app.get(OutboundClient);
    const withoutSmtp = new AlertsService(subscriptions, deliveries, new AlertDispatcher(subscriptions, deliveries, { outbound }), outbound);
    await expect(withoutSmtp.subscribe({ format: 'email', email: 'duty.manager@contoso.com' }, 'all')).rejects.toMatchObject({
      response: {
        errors: [{ field: 'format', problems: ['format email is not available: e-mail alerts are not configured (SMTP_URL is not set)'] }],
      },
    });
    expect((await http().get('/alert-subscriptions').expect(200)).body).toEqual({ items: [] });
  });

  it('lists deliveries, shows one with its attempts and redelivers it on request', async () => {
    const { body: subscription } = await http().post('/alert-subscriptions').send({ url: receiver.url, secret: SECRET, format: 'slack' }).expect(201);
    const [prepared] = await app
      .get(AlertDispatcher)
      .prepareDeliveries(aWebhookAlert({ alertKey: 'API-1:breach', ticketId: 'API-1', partnerTenantId: PARTNER_A }));
    const deliveryPath = `/alerts/${encodeURIComponent(prepared.id)}`;

    const listed = await http().get('/alerts?ticketId=API-1&status=pending&limit=5').expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: prepared.id, partnerTenantId: PARTNER_A, status: 'pending', attemptCount: 0, lastError: null }),
    ]);
    expect(listed.body.items[0]).not.toHaveProperty('payload');

    const failed = await http().post(`${deliveryPath}/redeliver`).expect(200);
    expect(failed.body).toMatchObject({ status: 'pending', attemptCount: 1, lastError: 'HTTP 500' });
    const delivered = await http().post(`${deliveryPath}/redeliver`).expect(200);
    expect(delivered.body).toMatchObject({ status: 'delivered', attemptCount: 2, lastError: null });
    expect(receiver.received.map((r) => r.headers['idempotency-key'])).toEqual([prepared.id, prepared.id]);

    const shown = await http().get(deliveryPath).expect(200);
    expect(shown.body.payload).toEqual(JSON.parse(prepared.payload));
    expect(shown.body.attempts.map((a: { outcome: string; httpStatus: number }) => [a.outcome, a.httpStatus])).toEqual([
      ['failed', 500],
      ['delivered', 200],
    ]);
    await http().delete(`/alert-subscriptions/${subscription.id}`).expect(204);
  });

  it('refuses a destination ALERT_ALLOWED_HOSTS does not admit with a 400 naming url and the rule', async () => {
    const refusedBecause = async (url: string) => {
      const { body } = await http().post('/alert-subscriptions').send({ url, secret: SECRET }).expect(400);
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].field).toBe('url');
      return body.errors[0].problems[0];
    };
    const notAdmitted = '(ALERT_ALLOWED_HOSTS does not admit it)';
    expect(await refusedBecause('http://169.254.169.254/latest/meta-data/')).toBe(`url is refused: cloud metadata address 169.254.169.254 ${notAdmitted}`);
    expect(await refusedBecause('https://10.0.0.5/hooks')).toBe(`url is refused: private address 10.0.0.5 ${notAdmitted}`);
    expect(await refusedBecause('http://127.0.0.2:9/admin')).toBe(`url is refused: loopback address 127.0.0.2 ${notAdmitted}`);
    expect(await refusedBecause('http://[::1]:9/admin')).toBe(`url is refused: loopback address ::1 ${notAdmitted}`);
    expect(await refusedBecause('https://metadata.google.internal/computeMetadata/v1/')).toBe(
      `url is refused: cloud metadata name metadata.google.internal ${notAdmitted}`,
    );
    expect(await refusedBecause('http://93.184.215.14/hooks')).toBe(
      'url is refused: plain http only to a loopback receiver that ALERT_ALLOWED_HOSTS admits, outside production (https otherwise)',
    );
    expect((await http().get('/alert-subscriptions').expect(200)).body).toEqual({ items: [] });
  });

  it('redelivers nothing to a stored subscription the policy now refuses, recording the rule and no answer', async () => {
    const canary = await startCanary('127.0.0.2');
    const stored = await app.get(AlertSubscriptionStore).create({ url: `http://127.0.0.2:${canary.port}/admin`, secret: SECRET });
    const [prepared] = await app.get(AlertDispatcher).prepareDeliveries(aWebhookAlert({ alertKey: 'API-9:breach', ticketId: 'API-9' }));
    const { body } = await http().post(`/alerts/${encodeURIComponent(prepared.id)}/redeliver`).expect(200);
    expect(body).toMatchObject({ status: 'pending', attemptCount: 1, lastError: 'refused: loopback address 127.0.0.2 (ALERT_ALLOWED_HOSTS does not admit it)' });
    expect(body.attempts).toEqual([expect.objectContaining({ outcome: 'failed', httpStatus: null })]);
    expect(canary.hits).toBe(0);
    await canary.close();
    await http().delete(`/alert-subscriptions/${stored.id}`).expect(204);
  });

  it('answers 404 for an unknown delivery and 400 naming bad query parameters', async () => {
    await http().get('/alerts/unknown').expect(404);
    await http().post('/alerts/unknown/redeliver').expect(404);
    const { body } = await http().get('/alerts?status=lost&limit=0').expect(400);
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['status', 'limit']);
  });

  describe('partner isolation', () => {
    const hook = (name: string) => ({ url: `http://localhost:9/${name}`, secret: SECRET });

    it('gives a new subscription the partner tenants of its creator by default, or those listed among them', async () => {
      const ofA = await as(ADMIN_A).post('/alert-subscriptions').send(hook('a')).expect(201);
      expect(ofA.body.partnerTenantIds).toEqual([PARTNER_A]);
      const admin = aPrincipal([PARTNER_A, PARTNER_B]);
      const ofB = await as(admin).post('/alert-subscriptions').send({ ...hook('b'), partnerTenantIds: [PARTNER_B.toUpperCase()] }).expect(201);
      expect(ofB.body.partnerTenantIds).toEqual([PARTNER_B]);
      const ofBoth = await as(admin).post('/alert-subscriptions').send(hook('ab')).expect(201);
      expect(ofBoth.body.partnerTenantIds).toEqual([PARTNER_A, PARTNER_B]);
      const anyOnes = await as(ALL_ADMIN).post('/alert-subscriptions').send({ ...hook('c'), partnerTenantIds: [PARTNER_C] }).expect(201);
      expect(anyOnes.body.partnerTenantIds).toEqual([PARTNER_C]);
      for (const { body } of [ofA, ofB, ofBoth, anyOnes]) await http().delete(`/alert-subscriptions/${body.id}`).expect(204);
    });

    it('refuses partner tenants the creator does not act for, naming partnerTenantIds, and anything but 1 to 100 GUIDs', async () => {
      const foreign = await as(ADMIN_A)
        .post('/alert-subscriptions')
        .send({ ...hook('x'), partnerTenantIds: [PARTNER_A, PARTNER_B, PARTNER_C] })
        .expect(400);
      expect(foreign.body.errors).toEqual([
        {
          field: 'partnerTenantIds',
          problems: [`you do not act for partner tenant ${PARTNER_B}`, `you do not act for partner tenant ${PARTNER_C}`],
        },
      ]);
      const nobody = await as(aPrincipal([])).post('/alert-subscriptions').send(hook('x')).expect(400);
      expect(nobody.body.errors).toEqual([{ field: 'partnerTenantIds', problems: ['you act for no partner tenant'] }]);
      for (const partnerTenantIds of [[], ['*'], ['contoso.com'], PARTNER_A, Array.from({ length: 101 }, () => PARTNER_A)]) {
        const { body } = await as(ALL_ADMIN).post('/alert-subscriptions').send({ ...hook('x'), partnerTenantIds }).expect(400);
        expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['partnerTenantIds']);
      }
      expect((await http().get('/alert-subscriptions').expect(200)).body).toEqual({ items: [] });
    });

    it("never shows a principal for partner A partner B's subscriptions, nor those for every partner: 404 for their ids", async () => {
      const ofA = (await as(ADMIN_A).post('/alert-subscriptions').send(hook('a')).expect(201)).body;
      const ofB = (await as(ADMIN_B).post('/alert-subscriptions').send(hook('b')).expect(201)).body;
      const ofEvery = (await as(ALL_ADMIN).post('/alert-subscriptions').send(hook('every')).expect(201)).body;
      const both = { ...hook('ab'), partnerTenantIds: [PARTNER_A, PARTNER_B] };
      const ofBoth = (await as(ALL_ADMIN).post('/alert-subscriptions').send(both).expect(201)).body;
      const byId = (items: Array<{ id: string }>) => [...items].sort((x, y) => x.id.localeCompare(y.id));

      expect((await as(ADMIN_A).get('/alert-subscriptions').expect(200)).body.items).toEqual([ofA]);
      expect((await as(ADMIN_B).get('/alert-subscriptions').expect(200)).body.items).toEqual([ofB]);
      expect(byId((await as(ALL_ADMIN).get('/alert-subscriptions').expect(200)).body.items)).toEqual(byId([ofA, ofB, ofEvery, ofBoth]));

      for (const { id } of [ofB, ofEvery, ofBoth]) {
        const { body } = await as(ADMIN_A).delete(`/alert-subscriptions/${id}`).expect(404);
        expect(body.message).toBe(`No alert subscription with id "${id}"`);
      }
      expect((await as(ALL_ADMIN).get('/alert-subscriptions').expect(200)).body.items).toHaveLength(4);
      await as(ADMIN_A).delete(`/alert-subscriptions/${ofA.id}`).expect(204);
      await as(ADMIN_B).delete(`/alert-subscriptions/${ofA.id}`).expect(404);
      for (const { id } of [ofB, ofEvery, ofBoth]) await as(ALL_ADMIN).delete(`/alert-subscriptions/${id}`).expect(204);
    });

    it("never shows a principal for partner A partner B's deliveries, even by ticket id: 404 for their ids, redelivery too", async () => {
      receiver.received.length = 0;
      const ofA = (await as(ADMIN_A).post('/alert-subscriptions').send({ url: receiver.url, secret: SECRET }).expect(201)).body;
      const ofB = (await as(ADMIN_B).post('/alert-subscriptions').send({ url: receiver.url, secret: SECRET }).expect(201)).body;
      const dispatcher = app.get(AlertDispatcher);
      // Both partners have a ticket INC-7 (ids are the partners' own); the alert keys tell them apart.
      const [deliveryA] = await dispatcher.prepareDeliveries(
        aWebhookAlert({ alertKey: `${PARTNER_A}~INC-7:breach`, ticketId: 'INC-7', partnerTenantId: PARTNER_A }),
      );
      const [deliveryB] = await dispatcher.prepareDeliveries(
        aWebhookAlert({ alertKey: `${PARTNER_B}~INC-7:breach`, ticketId: 'INC-7', partnerTenantId: PARTNER_B }),
      );
      expect([deliveryA.subscriptionId, deliveryB.subscriptionId]).toEqual([ofA.id, ofB.id]);
      const viewerA = aPrincipal([PARTNER_A], 'viewer');
      const ids = (items: Array<{ id: string }>) => items.map((d) => d.id);

      expect(ids((await as(viewerA).get('/alerts?ticketId=INC-7').expect(200)).body.items)).toEqual([deliveryA.id]);
      const everyOfA = (await as(viewerA).get('/alerts').expect(200)).body.items;
      expect(ids(everyOfA)).toContain(deliveryA.id);
      expect(everyOfA.map((d: { partnerTenantId: string }) => d.partnerTenantId)).toEqual(everyOfA.map(() => PARTNER_A));
      expect(ids((await as(aPrincipal([PARTNER_B], 'viewer')).get('/alerts?ticketId=INC-7').expect(200)).body.items)).toEqual([deliveryB.id]);
      expect(ids((await as(ALL_ADMIN).get('/alerts?ticketId=INC-7').expect(200)).body.items).sort()).toEqual([deliveryA.id, deliveryB.id].sort());
      expect(ids((await as(aPrincipal([], 'viewer')).get('/alerts').expect(200)).body.items)).toEqual([]);

      await as(viewerA).get(`/alerts/${encodeURIComponent(deliveryA.id)}`).expect(200);
      const hidden = await as(viewerA).get(`/alerts/${encodeURIComponent(deliveryB.id)}`).expect(404);
      expect(hidden.body.message).toBe(`No alert delivery with id "${deliveryB.id}"`);
      await as(aPrincipal([PARTNER_A], 'coordinator')).post(`/alerts/${encodeURIComponent(deliveryB.id)}/redeliver`).expect(404);
      expect(receiver.received).toHaveLength(0);
      await as(aPrincipal([PARTNER_B], 'coordinator')).post(`/alerts/${encodeURIComponent(deliveryB.id)}/redeliver`).expect(200);
      expect(receiver.received.map((r) => r.headers['idempotency-key'])).toEqual([deliveryB.id]);

      // An alert raised without a partner tenant (a workflow from before partner isolation) reaches only subscriptions
      // for every partner, and its deliveries are seen only by principals acting for every partner.
      expect(await dispatcher.prepareDeliveries(aWebhookAlert({ alertKey: 'OLD-1:breach', ticketId: 'OLD-1' }))).toEqual([]);
      const ofEvery = (await as(ALL_ADMIN).post('/alert-subscriptions').send({ url: receiver.url, secret: SECRET }).expect(201)).body;
      const [unscoped] = await dispatcher.prepareDeliveries(aWebhookAlert({ alertKey: 'OLD-2:breach', ticketId: 'OLD-2' }));
      expect(unscoped).toMatchObject({ subscriptionId: ofEvery.id, partnerTenantId: null });
      await as(aPrincipal([PARTNER_A, PARTNER_B], 'viewer')).get(`/alerts/${encodeURIComponent(unscoped.id)}`).expect(404);
      expect((await as(aPrincipal([PARTNER_A, PARTNER_B], 'viewer')).get('/alerts?ticketId=OLD-2').expect(200)).body.items).toEqual([]);
      await as(aPrincipal('*', 'viewer')).get(`/alerts/${encodeURIComponent(unscoped.id)}`).expect(200);
      for (const { id } of [ofA, ofB, ofEvery]) await as(ALL_ADMIN).delete(`/alert-subscriptions/${id}`).expect(204);
    });
  });

  describe('roles', () => {
    const viewer = aPrincipal('*', 'viewer');
    const coordinator = aPrincipal('*', 'coordinator');

    it('needs an admin to create, list or delete subscriptions', async () => {
      for (const principal of [viewer, coordinator]) {
        const { body } = await as(principal).post('/alert-subscriptions').send({ url: 'http://localhost:9/hook', secret: SECRET }).expect(403);
        expect(body.message).toBe(`This needs the admin role; ${principal.name} has ${principal.role}`);
        await as(principal).get('/alert-subscriptions').expect(403);
        await as(principal).delete('/alert-subscriptions/5f0c7c1e-8f5e-4a51-9a39-0c4d2b1b6a11').expect(403);
      }
      expect((await http().get('/alert-subscriptions').expect(200)).body).toEqual({ items: [] });
    });

    it('lets a viewer read deliveries, and needs a coordinator to redeliver', async () => {
      await as(viewer).get('/alerts').expect(200);
      await as(viewer).get('/alerts/unknown').expect(404);
      await as(viewer).post('/alerts/unknown/redeliver').expect(403);
      await as(coordinator).post('/alerts/unknown/redeliver').expect(404);
    });

    it('answers 401 without a principal', async () => {
      await request(app.getHttpServer()).get('/alerts').expect(401);
    });
  });
});
