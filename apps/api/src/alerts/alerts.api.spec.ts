import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { appConfigModule } from '@escalade/config';
import { AlertDispatcher, aWebhookAlert, DatabaseModule, startWebhookReceiver, type WebhookReceiver } from '@escalade/persistence';
import { createValidationPipe } from '../validation/validation.pipe';
import { AlertsModule } from './alerts.module';

const SECRET = 'whsec-0123456789abcdef';

describe('alerts API (AlertsModule on a SQLite file)', () => {
  const savedEnv = { ...process.env };
  let dataDir: string;
  let app: INestApplication;
  let receiver: WebhookReceiver;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-alerts-api-'));
    process.env.DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    const moduleRef = await Test.createTestingModule({
      // appConfigModule() reads the environment when called: only after DATA_DIR is set.
      imports: [appConfigModule(), DatabaseModule.forRoot({ runMigrations: true }), AlertsModule],
    }).compile();
    app = moduleRef.createNestApplication();
    app.useGlobalPipes(createValidationPipe());
    await app.init();
    receiver = await startWebhookReceiver([500, 200]);
  });

  afterAll(async () => {
    await receiver?.close();
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
    expect(created.body).toMatchObject({ url: 'http://localhost:9/hook', severities: ['A', 'B'], products: [], format: 'json' });
    expect(created.body).not.toHaveProperty('secret');

    const listed = await http().get('/alert-subscriptions').expect(200);
    expect(listed.body.items).toEqual([created.body]);

    await http().delete(`/alert-subscriptions/${created.body.id}`).expect(204);
    await http().delete(`/alert-subscriptions/${created.body.id}`).expect(404);
  });

  it('lists deliveries, shows one with its attempts and redelivers it on request', async () => {
    await http().post('/alert-subscriptions').send({ url: receiver.url, secret: SECRET, format: 'slack' }).expect(201);
    const [prepared] = await app.get(AlertDispatcher).prepareDeliveries(aWebhookAlert({ alertKey: 'API-1:breach', ticketId: 'API-1' }));
    const deliveryPath = `/alerts/${encodeURIComponent(prepared.id)}`;

    const listed = await http().get('/alerts?ticketId=API-1&status=pending&limit=5').expect(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: prepared.id, status: 'pending', attemptCount: 0, lastError: null })]);
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
  });

  it('answers 404 for an unknown delivery and 400 naming bad query parameters', async () => {
    await http().get('/alerts/unknown').expect(404);
    await http().post('/alerts/unknown/redeliver').expect(404);
    const { body } = await http().get('/alerts?status=lost&limit=0').expect(400);
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['status', 'limit']);
  });
});
