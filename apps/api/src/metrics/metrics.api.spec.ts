import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Type } from '@nestjs/common';
import { aServiceRequestReceived } from '@escalade/domain/testing';
import { EventStore } from '@escalade/event-store';
import { METRICS_TOKEN_FILE } from '@escalade/metrics';
import { ScrapedMetrics } from '@escalade/metrics/testing';
import { TicketsProjection } from '@escalade/persistence';
import { startAuthApp, type AuthApp } from '../auth/testing/auth-app';
import { TEST_TENANT_ID } from '../auth/testing/test-issuer';
import { ApiMetricsModule } from './api-metrics.module';

/** The API's authentication with its metrics beside it. */
const withMetrics = (auth: Type) => [auth, ApiMetricsModule];

describe('GET /metrics on the API (local mode, no METRICS_TOKEN)', () => {
  let api: AuthApp;
  let token: string;
  /** Local mode's admin API key: it signs in to the API, not to /metrics. */
  let adminKey: string;
  const scrape = async () => new ScrapedMetrics((await api.http().get('/metrics').auth(token, { type: 'bearer' }).expect(200)).text);

  beforeAll(async () => {
    api = await startAuthApp({}, withMetrics);
    token = fs.readFileSync(path.join(api.dataDir, METRICS_TOKEN_FILE), 'utf8').trim();
    adminKey = api.localAdminKey ?? '';
  });
  afterAll(() => api?.close());

  it('is outside API-key sign-in: the token in DATA_DIR/metrics.token opens it, the admin key does not', async () => {
    expect((await api.http().get('/metrics').expect(401)).body.message).toBe('Send the metrics token: Authorization: Bearer <METRICS_TOKEN>');
    expect((await api.http().get('/metrics').auth(adminKey, { type: 'bearer' }).expect(401)).body.message).toBe('Not the metrics token');
    await api.http().get('/metrics').auth(token, { type: 'bearer' }).expect(200);
  });

  it('times requests by route template and status: an unknown path as `unmatched`, never a URL', async () => {
    const before = await scrape();
    await api.http().get('/probe/read').auth(adminKey, { type: 'bearer' }).expect(200);
    await api.http().get('/probe/read').expect(401);
    await api.http().get('/no/such/path-1234').expect(404);

    const after = await scrape();
    const requests = (labels: Record<string, string>) =>
      after.value('escalade_http_request_duration_seconds', labels) - before.value('escalade_http_request_duration_seconds', labels);
    expect(requests({ method: 'GET', route: '/probe/read', status: '200' })).toBe(1);
    expect(requests({ method: 'GET', route: '/probe/read', status: '401' })).toBe(1);
    expect(requests({ method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(after.labelsOf('escalade_http_request_duration_seconds').map((labels) => labels.route)).not.toContain('/no/such/path-1234');
  });

  it('counts the open tickets by status and severity in the read model, every pair shown (0 included)', async () => {
    const events = api.app.get(EventStore);
    for (const [ticketId, severity] of [['T1', 'A'], ['T2', 'A'], ['T3', 'C']] as const) {
      await events.appendToStream(`ticket-${ticketId}`, [{ eventId: `${ticketId}:1`, ...aServiceRequestReceived(ticketId, { severity }) }]);
    }
    while ((await api.app.get(TicketsProjection).catchUp()).read > 0);

    const scraped = await scrape();
    expect(scraped.value('escalade_tickets_open', { status: 'checking-eligibility', severity: 'A' })).toBe(2);
    expect(scraped.value('escalade_tickets_open', { status: 'checking-eligibility', severity: 'C' })).toBe(1);
    expect(scraped.value('escalade_tickets_open')).toBe(3);
    expect(scraped.labelsOf('escalade_tickets_open')).toHaveLength(5 * 3);
    expect(scraped.labelsOf('escalade_tickets_open').map((labels) => labels.status)).not.toContain('closed');
  });
});

describe('GET /metrics on the API in production without METRICS_TOKEN', () => {
  it('answers 404 naming the setting: metrics are off', async () => {
    const api = await startAuthApp(
      {
        NODE_ENV: 'production',
        SECRETS_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
        ENTRA_CLIENT_ID: 'escalade-test',
        ENTRA_ALLOWED_TENANTS: TEST_TENANT_ID,
      },
      withMetrics,
    );
    try {
      const { body } = await api.http().get('/metrics').expect(404);
      expect(body.message).toBe('metrics are off: set METRICS_TOKEN');
    } finally {
      await api.close();
    }
  });
});
