import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { appConfigModule } from '@escalade/config';
import { aServiceRequestReceived } from '@escalade/domain';
import { EventStore } from '@escalade/event-store';
import { DatabaseModule, TicketsProjection } from '@escalade/persistence';
import { createValidationPipe } from '../validation/validation.pipe';
import { ReportsModule } from './reports.module';

describe('reports API (ReportsModule on a SQLite file)', () => {
  const savedEnv = { ...process.env };
  let dataDir: string;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-reports-api-'));
    process.env.DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    const moduleRef = await Test.createTestingModule({
      imports: [appConfigModule(), DatabaseModule.forRoot({ runMigrations: true }), ReportsModule],
    }).compile();
    app = moduleRef.createNestApplication();
    app.useGlobalPipes(createValidationPipe());
    await app.init();
    const received = aServiceRequestReceived('T1', { receivedAt: new Date().toISOString() });
    await app.get(EventStore).appendToStream('ticket-T1', [{ eventId: 'T1:1', ...received }]);
    await app.get(TicketsProjection).catchUp();
  });

  afterAll(async () => {
    await app?.close();
    process.env = savedEnv;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('counts the last 7 days per severity by default', async () => {
    const { body } = await http().get('/reports/sla').expect(200);
    expect(Date.parse(body.to) - Date.parse(body.from)).toBe(7 * 24 * 60 * 60 * 1000);
    expect(body.bySeverity.map((row: { severity: string }) => row.severity)).toEqual(['A', 'B', 'C']);
    expect(body.total).toEqual({ opened: 1, met: 0, breached: 0, pending: 0, cancelled: 0, noTarget: 1 });
  });

  it('names every invalid bound, and a period that ends before it starts', async () => {
    const { body } = await http().get('/reports/sla?from=yesterday&to=2026-13-01').expect(400);
    expect(body.errors).toEqual([
      { field: 'from', problems: ['from must be an ISO-8601 date-time'] },
      { field: 'to', problems: ['to must be an ISO-8601 date-time'] },
    ]);
    const reversed = await http().get('/reports/sla?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z').expect(400);
    expect(reversed.body.errors).toEqual([{ field: 'from', problems: ['from must be before to'] }]);
  });
});
