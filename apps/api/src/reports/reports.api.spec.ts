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

  it('names an unknown grouping and a customer that is not a domain, with the bounds', async () => {
    const { body } = await get('/reports/sla?groupBy=month&customer=not%20a%20domain').expect(400);
    expect(body.errors).toEqual([
      { field: 'groupBy', problems: ['groupBy must be one of week, severity, product, customer'] },
      { field: 'customer', problems: ['customer must be a domain name, e.g. contoso.com'] },
    ]);
  });

  it("measures the period by week by default, per severity or customer when asked, of one customer's tickets when asked", async () => {
    const { body: byWeek } = await get('/reports/sla').expect(200);
    expect(byWeek.measures.groupBy).toBe('week');
    expect(byWeek.measures.total).toMatchObject({ key: 'all', opened: 3, withTarget: 0, breachRate: null });
    const { body: bySeverity } = await get('/reports/sla?groupBy=severity', aPrincipal([PARTNER_A], 'viewer')).expect(200);
    expect(bySeverity.measures.groups.map((group: { key: string; opened: number }) => [group.key, group.opened])).toEqual([['A', 1], ['B', 1]]);
    const { body: ofContoso } = await get('/reports/sla?groupBy=customer&customer=Contoso.COM').expect(200);
    expect(ofContoso).toMatchObject({ customer: 'contoso.com', total: { opened: 3 }, measures: { groups: [{ key: 'contoso.com', opened: 3 }] } });
    expect((await get('/reports/sla?customer=fabrikam.com').expect(200)).body.total.opened).toBe(0);
  });

  it('gives the measures as CSV to a client that asks for text/csv, JSON to one that accepts anything', async () => {
    const csv = await get('/reports/sla?groupBy=severity').set('accept', 'text/csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="sla-severity-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'group,opened,with_target,breached,breach_rate,first_response_count,first_response_p50_min,first_response_p90_min,' +
        'resolution_count,resolution_p50_min,resolution_p90_min,paused_min,update_misses,reply_misses',
    );
    expect(lines.slice(1)).toEqual(['A,2,0,0,,0,,,0,,,0,0,0', 'B,1,0,0,,0,,,0,,,0,0,0', 'all,3,0,0,,0,,,0,,,0,0,0']);
    const json = await get('/reports/sla').set('accept', '*/*').expect(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
  });
});
