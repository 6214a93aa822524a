import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { appConfigModule } from '@escalade/config';
import { aServiceRequestReceived } from '@escalade/domain/testing';
import { EventStore } from '@escalade/event-store';
import { DatabaseModule, TicketsProjection } from '@escalade/persistence';
import { aPrincipal, principalHeader, testPrincipalGuard } from '../auth/testing/test-principal';
import type { Principal } from '../auth/principal';
import { createValidationPipe } from '../validation/validation.pipe';
import { ReportsModule } from './reports.module';

const PARTNER_A = '0a1b2c3d-0000-4000-8000-00000000000a';
const PARTNER_B = '0a1b2c3d-0000-4000-8000-00000000000b';

describe('reports API (ReportsModule on a SQLite file)', () => {
  const savedEnv = { ...process.env };
  let dataDir: string;
  let app: INestApplication;
  /** As a viewer of every partner tenant unless told. */
  const get = (url: string, principal: Principal = aPrincipal('*', 'viewer')) =>
    request(app.getHttpServer()).get(url).set(...principalHeader(principal));

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-reports-api-'));
    process.env.DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    const moduleRef = await Test.createTestingModule({
      imports: [appConfigModule(), DatabaseModule.forRoot({ runMigrations: true }), ReportsModule],
      providers: [testPrincipalGuard],
    }).compile();
    app = moduleRef.createNestApplication();
    app.useGlobalPipes(createValidationPipe());
    await app.init();
    // T1 and T2 filed by partner A, T3 by partner B.
    const receivedAt = new Date().toISOString();
    for (const [ticketId, tenantId, severity] of [['T1', PARTNER_A, 'A'], ['T2', PARTNER_A, 'B'], ['T3', PARTNER_B, 'A']] as const) {
      const received = aServiceRequestReceived(ticketId, { receivedAt, severity, partner: { tenantId, name: `Partner of ${ticketId}` } });
      await app.get(EventStore).appendToStream(`ticket-${ticketId}`, [{ eventId: `${ticketId}:1`, ...received }]);
    }
    while ((await app.get(TicketsProjection).catchUp()).read > 0);
  });

  afterAll(async () => {
    await app?.close();
    process.env = savedEnv;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('counts the last 7 days per severity by default', async () => {
    const { body } = await get('/reports/sla').expect(200);
    expect(Date.parse(body.to) - Date.parse(body.from)).toBe(7 * 24 * 60 * 60 * 1000);
    expect(body.bySeverity.map((row: { severity: string }) => row.severity)).toEqual(['A', 'B', 'C']);
    expect(body.total).toEqual({ opened: 3, met: 0, breached: 0, pending: 0, cancelled: 0, noTarget: 3 });
  });

  it("counts only the tickets of the principal's partner tenants", async () => {
    const opened = (body: { bySeverity: Array<{ severity: string; opened: number }> }) => body.bySeverity.map((row) => [row.severity, row.opened]);
    const ofA = (await get('/reports/sla', aPrincipal([PARTNER_A], 'viewer')).expect(200)).body;
    expect(opened(ofA)).toEqual([['A', 1], ['B', 1], ['C', 0]]);
    expect(ofA.total.opened).toBe(2);
    const ofB = (await get('/reports/sla', aPrincipal([PARTNER_B], 'viewer')).expect(200)).body;
    expect(opened(ofB)).toEqual([['A', 1], ['B', 0], ['C', 0]]);
    expect((await get('/reports/sla', aPrincipal([], 'viewer')).expect(200)).body.total.opened).toBe(0);
    expect((await get('/reports/sla', aPrincipal([PARTNER_A, PARTNER_B], 'viewer')).expect(200)).body.total.opened).toBe(3);
  });

  it('answers 401 without a principal', async () => {
    await request(app.getHttpServer()).get('/reports/sla').expect(401);
  });

  it('names every invalid bound, and a period that ends before it starts', async () => {
    const { body } = await get('/reports/sla?from=yesterday&to=2026-13-01').expect(400);
    expect(body.errors).toEqual([
      { field: 'from', problems: ['from must be an ISO-8601 date-time'] },
      { field: 'to', problems: ['to must be an ISO-8601 date-time'] },
    ]);
    const reversed = await get('/reports/sla?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z').expect(400);
    expect(reversed.body.errors).toEqual([{ field: 'from', problems: ['from must be before to'] }]);
  });
});
