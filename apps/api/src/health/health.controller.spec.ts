import type { DynamicModule, INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Test } from '@nestjs/testing';
import { Client } from '@temporalio/client';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadAppConfig, type AppConfig } from '@escalade/config';
import { aServiceRequestReceived } from '@escalade/domain/testing';
import { EventStore } from '@escalade/event-store';
import { JournalFaultStore, PartnerCenterCredentialStore, TicketsProjection } from '@escalade/persistence';
import { testDatabases } from '@escalade/persistence/testing';
import { keyRingFrom } from '@escalade/secrets';
import { closedPort, temporalClientAt } from '../errors/testing/real-errors';
import { Shutdown } from '../shutdown/shutdown';
import { HealthModule } from './health.module';
import { APP_CREDENTIALS } from '../partner-center/testing/app-credentials';

const [sqlite] = testDatabases(); // SQLite always comes first

/** A Temporal server that answers, for the cases where it must be up (its absence is tested with a real client). */
const answeringTemporal = {
  connection: { withDeadline: (_deadline: number, call: () => Promise<unknown>) => call() },
  workflowService: { getSystemInfo: async () => ({}) },
} as unknown as Client;

/** What the API's global modules give the health module: Temporal, the configuration, the DataSource and its stores. */
function dependencies(client: Client, dataSource: DataSource, env: NodeJS.ProcessEnv): DynamicModule {
  const config = loadAppConfig(env);
  const providers = [
    { provide: Client, useValue: client },
    { provide: ConfigService, useValue: { get: (name: keyof AppConfig) => config[name] } },
    { provide: DataSource, useValue: dataSource },
    { provide: TicketsProjection, useValue: new TicketsProjection(dataSource) },
    { provide: JournalFaultStore, useValue: new JournalFaultStore(dataSource) },
    { provide: Shutdown, useValue: new Shutdown(new HealthIndicatorService()) },
    {
      provide: PartnerCenterCredentialStore,
      useValue: config.CREDENTIALS_ENCRYPTION_KEY ? new PartnerCenterCredentialStore(dataSource, keyRingFrom(config)) : null,
    },
  ];
  return { module: class Dependencies {}, global: true, providers, exports: providers.map((p) => p.provide) };
}

async function healthApp(client: Client, dataSource: DataSource, env: NodeJS.ProcessEnv = {}): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [dependencies(client, dataSource, env), HealthModule] }).compile();
  return moduleRef.createNestApplication({ logger: false }).init();
}

describe('health (HealthModule on a SQLite database)', () => {
  let dataSource: DataSource;
  let app: INestApplication | undefined;

  beforeEach(async () => {
    dataSource = await sqlite.open();
    await new EventStore(dataSource).appendToStream('ticket-T1', [{ eventId: 'T1:1', ...aServiceRequestReceived('T1') }]);
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    if (!dataSource.isInitialized) await dataSource.initialize(); // destroyed by a test: reopened to be deleted
    await sqlite.close(dataSource);
  });

  it('is ready when every check passes, and says where the projection is', async () => {
    app = await healthApp(answeringTemporal, dataSource);
    await app.get(TicketsProjection).catchUp();
    const { body } = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(body).toEqual({
      status: 'ok',
      info: {
        accepting: { status: 'up' },
        database: { status: 'up' },
        temporal: { status: 'up' },
        projection: { status: 'up', checkpoint: 1, head: 1, lag: 0, parked: 0 },
        journal: { status: 'up', faults: 0 },
        partnerCenter: { status: 'up', credentials: 'not-used' },
      },
      error: {},
      details: expect.any(Object),
    });
    await request(app.getHttpServer()).get('/health').expect(200, body);
  });

  it('answers 503 once the API is shutting down, so that a load balancer sends it no more', async () => {
    app = await healthApp(answeringTemporal, dataSource);
    app.get(Shutdown).beforeApplicationShutdown();
    const { body } = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(body.error).toEqual({ accepting: { status: 'down', message: 'shutting down' } });
  });

  it('reports the lag of a projection behind the log, without failing for it', async () => {
    app = await healthApp(answeringTemporal, dataSource);
    const { body } = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(body.info.projection).toEqual({ status: 'up', checkpoint: 0, head: 1, lag: 1, parked: 0 });
  });

  it('answers 503 naming Temporal when no server listens at its address', async () => {
    const client = temporalClientAt(await closedPort());
    try {
      app = await healthApp(client, dataSource);
      const { body } = await request(app.getHttpServer()).get('/health/ready').expect(503);
      expect(body.status).toBe('error');
      expect(Object.keys(body.error)).toEqual(['temporal']);
      // classified (gRPC waits for a connection until the deadline): the error's own words go to the log, not to a public endpoint
      expect(body.error.temporal).toEqual({ status: 'down', message: 'Temporal server not reachable: timed out' });
      expect(body.info.database).toEqual({ status: 'up' });
    } finally {
      await client.connection.close();
    }
  }, 15_000);

  it('answers 503 naming the database when it cannot be queried, on /health too', async () => {
    app = await healthApp(answeringTemporal, dataSource);
    await dataSource.destroy();
    for (const path of ['/health/ready', '/health']) {
      const { body } = await request(app.getHttpServer()).get(path).expect(503);
      expect(body.error.database).toEqual({ status: 'down' });
      expect(body.error.projection).toEqual({ status: 'down', message: 'status unknown: failed' });
      expect(body.error.journal).toEqual({ status: 'down', message: 'status unknown: failed' });
      expect(body.info.temporal).toEqual({ status: 'up' });
    }
  });

  it('shows the events the projection parked, staying ready: one broken ticket must not take the API away', async () => {
    const poison = aServiceRequestReceived('P1', { partner: [] as never });
    await new EventStore(dataSource).appendToStream('ticket-P1', [{ eventId: 'P1:1', ...poison }]);
    app = await healthApp(answeringTemporal, dataSource);
    await app.get(TicketsProjection).catchUp();
    const { body } = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(body.info.projection).toMatchObject({ status: 'up', parked: 1, lag: 0, attention: expect.stringContaining('1 event(s) parked') });
  });

  it('counts the ticket streams that refused their events for good, staying ready, and never names one: health is public', async () => {
    const faults = new JournalFaultStore(dataSource);
    const [partner, reason] = ['22222222-2222-2222-2222-222222222222', 'event id INC-404:2 stored with other data'];
    await faults.record({ streamId: `ticket-${partner}~INC-404`, workflowId: `service-request-${partner}~INC-404`, reason });
    app = await healthApp(answeringTemporal, dataSource);
    await app.get(TicketsProjection).catchUp();
    const { body, text } = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(body.info.journal).toEqual({
      status: 'up',
      faults: 1,
      oldestAt: (await faults.list(1))[0].faultedAt,
      attention: expect.stringContaining('1 ticket stream(s) refuse their events'),
    });
    for (const secret of [partner, 'INC-404', reason]) expect(text).not.toContain(secret);
  });

  it("shows Partner Center's credentials unknown until the worker writes their status, then as it wrote it", async () => {
    app = await healthApp(answeringTemporal, dataSource, APP_CREDENTIALS);
    const unknown = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(unknown.body.info.partnerCenter).toEqual({ status: 'up', credentials: 'unknown' });

    await app.get(PartnerCenterCredentialStore).recordStatus('contoso.onmicrosoft.com/escalade-app', { state: 'ok', since: '2026-11-27T10:00:00.000Z' });
    const { body } = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(body.info.partnerCenter).toEqual({ status: 'up', credentials: 'ok', since: '2026-11-27T10:00:00.000Z', updatedAt: expect.any(String) });
  });

  it('shows failing credentials with an attention line, staying ready: the tickets wait and file by themselves', async () => {
    app = await healthApp(answeringTemporal, dataSource, APP_CREDENTIALS);
    const reason = 'Entra ID refused to renew the access token (HTTP 400 invalid_grant): AADSTS70008';
    await app.get(PartnerCenterCredentialStore).recordStatus('contoso.onmicrosoft.com/escalade-app', { state: 'failing', since: '2026-11-27T10:00:00.000Z', reason });

    const { body } = await request(app.getHttpServer()).get('/health/ready').expect(200);

    expect(body.status).toBe('ok');
    expect(body.info.partnerCenter).toEqual({
      status: 'up',
      credentials: 'failing',
      since: '2026-11-27T10:00:00.000Z',
      reason,
      updatedAt: expect.any(String),
      attention: expect.stringContaining('PUT /partner-center/credentials'),
    });
  });

  it('says the credentials are not used when tickets are filed in-process', async () => {
    app = await healthApp(answeringTemporal, dataSource, { ...APP_CREDENTIALS, MICROSOFT_SUPPORT: 'in-process' });
    const { body } = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(body.info.partnerCenter).toEqual({ status: 'up', credentials: 'not-used' });
  });

  it('is live whatever its dependencies', async () => {
    const client = temporalClientAt(await closedPort());
    try {
      app = await healthApp(client, dataSource);
      await dataSource.destroy();
      await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'ok' });
    } finally {
      await client.connection.close();
    }
  });
});
