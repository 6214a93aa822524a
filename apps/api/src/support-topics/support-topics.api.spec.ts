import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { appConfigModule } from '@escalade/config';
import { DatabaseModule, SupportTopicStore } from '@escalade/persistence';
import { AuthModule } from '../auth/auth.module';
import { anApiKey, httpAs } from '../auth/testing/api-keys';
import { ApiExceptionFilter } from '../errors/api-exception.filter';
import { createValidationPipe } from '../validation/validation.pipe';
import { SupportTopicsModule } from './support-topics.module';

const TOPICS = [
  { id: '32444667', name: 'Partner Center Issues', description: 'Questions about Partner Center' },
  { id: '32570010', name: 'Azure - Technical issue', description: 'Virtual machines, networking, storage', product: 'azure' as const },
  { id: '32570011', name: 'Azure - Subscription management', description: 'Quotas and transfers', product: 'azure' as const, category: 'billing' as const },
];
const FETCHED_AT = '2026-11-27T10:00:00.000Z';

describe('support topics API (SupportTopicsModule on a SQLite file, behind the real AuthModule)', () => {
  const savedEnv = { ...process.env };
  let dataDir: string;
  let apps: INestApplication[] = [];

  /** appConfigModule() reads the environment when called: only after it is set. `http` reads as a partner's viewer. */
  async function startApi(env: NodeJS.ProcessEnv = {}): Promise<{ app: INestApplication; http: () => request.Agent }> {
    process.env = { ...savedEnv, DATA_DIR: dataDir, ...env };
    delete process.env.DATABASE_URL;
    const moduleRef = await Test.createTestingModule({
      imports: [appConfigModule(), DatabaseModule.forRoot({ runMigrations: true }), AuthModule, SupportTopicsModule],
    }).compile();
    const app = moduleRef.createNestApplication();
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new ApiExceptionFilter(app.getHttpAdapter())); // it sets WWW-Authenticate on a 401
    await app.init();
    apps.push(app);
    const viewer = await anApiKey(app, ['22222222-2222-2222-2222-222222222222'], 'viewer');
    return { app, http: () => httpAs(app, viewer) };
  }

  beforeEach(() => (dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-support-topics-api-'))));
  afterEach(async () => {
    await Promise.all(apps.map((app) => app.close()));
    apps = [];
    process.env = savedEnv;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers an empty list saying why until the worker has fetched the topics, then lists them as it stored them', async () => {
    const { app, http } = await startApi();
    expect((await http().get('/support-topics').expect(200)).body).toEqual({
      items: [],
      locale: null,
      fetchedAt: null,
      note: "The worker has not read Partner Center's support topics yet: it does when it starts, or at its first filing",
    });

    await app.get(SupportTopicStore).replace({ topics: TOPICS, locale: 'en-US', fetchedAt: FETCHED_AT });
    expect((await http().get('/support-topics').expect(200)).body).toEqual({ items: TOPICS, locale: 'en-US', fetchedAt: FETCHED_AT });
    expect((await http().get('/support-topics?product=azure').expect(200)).body.items.map((t: { id: string }) => t.id)).toEqual(['32570010', '32570011']);
    expect((await http().get('/support-topics?product=azure&category=billing').expect(200)).body.items).toEqual([TOPICS[2]]);
    expect((await http().get('/support-topics?product=ems').expect(200)).body).toEqual({ items: [], locale: 'en-US', fetchedAt: FETCHED_AT });
  });

  it('answers only a signed-in principal', async () => {
    const { app } = await startApi();
    const { body, headers } = await request(app.getHttpServer()).get('/support-topics').expect(401);
    expect(body.message).toContain('Sign in');
    expect(headers['www-authenticate']).toMatch(/^Bearer /);
  });

  it('names every invalid query parameter', async () => {
    const { http } = await startApi();
    const { body } = await http().get('/support-topics?product=marketplace&category=invoices&locale=fr-FR').expect(400);
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['category', 'locale', 'product']);
    const repeated = await http().get('/support-topics?product=azure&product=ems').expect(400);
    expect(repeated.body.errors.map((e: { field: string }) => e.field)).toEqual(['product']);
  });

  it('says the list is empty with the in-process Microsoft, whatever a worker stored before', async () => {
    const { app, http } = await startApi({ MICROSOFT_SUPPORT: 'in-process' });
    await app.get(SupportTopicStore).replace({ topics: TOPICS, locale: 'en-US', fetchedAt: FETCHED_AT });
    expect((await http().get('/support-topics').expect(200)).body).toEqual({
      items: [],
      locale: null,
      fetchedAt: null,
      note: 'MICROSOFT_SUPPORT=in-process files no ticket with Partner Center, so there are no support topics',
    });
  });
});
