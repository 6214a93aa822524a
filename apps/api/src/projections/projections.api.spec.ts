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
import { AuthModule } from '../auth/auth.module';
import { anApiKey, httpAs } from '../auth/testing/api-keys';
import { createValidationPipe } from '../validation/validation.pipe';
import { ProjectionsModule } from './projections.module';

describe('projections API (ProjectionsModule on a SQLite file, behind the real AuthModule)', () => {
  const savedEnv = { ...process.env };
  let dataDir: string;
  let app: INestApplication;
  /** Parked events are every partner's: an admin bound to every partner tenant reads them. */
  let admin: string;
  const http = () => httpAs(app, admin);

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-projections-api-'));
    process.env.DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    const moduleRef = await Test.createTestingModule({
      imports: [appConfigModule(), DatabaseModule.forRoot({ runMigrations: true }), AuthModule, ProjectionsModule],
    }).compile();
    app = moduleRef.createNestApplication();
    app.useGlobalPipes(createValidationPipe());
    await app.init();
    admin = await anApiKey(app, '*');
    const poison = aServiceRequestReceived('P1', { partner: { tenantId: 'p' } as never }); // a partner without a name
    await app.get(EventStore).appendToStream('ticket-P1', [
      { eventId: 'P1:1', ...poison },
      { eventId: 'P1:2', type: 'EligibilityDecided', data: { decision: 'eligible', reason: 'covered' } },
    ]);
    await app.get(TicketsProjection).catchUp();
  });

  afterAll(async () => {
    await app?.close();
    process.env = savedEnv;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the parked events with their count, oldest first, in pages', async () => {
    const { body } = await http().get('/projections/parked').expect(200);
    expect(body).toEqual({
      count: 2,
      events: [
        {
          position: 1,
          streamId: 'ticket-P1',
          streamVersion: 1,
          type: 'ServiceRequestReceived',
          reason: 'the row would be invalid: partner is missing',
          parkedAt: expect.any(String),
        },
        expect.objectContaining({ position: 2, type: 'EligibilityDecided' }),
      ],
    });
    const next = await http().get('/projections/parked?after=1&limit=1').expect(200);
    expect(next.body.events.map((e: { position: number }) => e.position)).toEqual([2]);
    expect(next.body.count).toBe(2);
  });

  it("refuses them to anyone but an admin bound to every partner tenant: they are every partner's tickets", async () => {
    await request(app.getHttpServer()).get('/projections/parked').expect(401);
    const partnerAdmin = await httpAs(app, await anApiKey(app, ['22222222-2222-2222-2222-222222222222'])).get('/projections/parked').expect(403);
    expect(partnerAdmin.body.message).toContain('bound to every partner tenant');
    await httpAs(app, await anApiKey(app, '*', 'coordinator')).get('/projections/parked').expect(403);
  });

  it('names every invalid query parameter', async () => {
    const { body } = await http().get('/projections/parked?after=-1&limit=0&since=1').expect(400);
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['after', 'limit', 'since']);
  });
});
