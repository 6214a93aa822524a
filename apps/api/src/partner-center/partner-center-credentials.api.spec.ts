import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { appConfigModule } from '@escalade/config';
import { PartnerCenterCredentials, seedHashOf } from '@escalade/partner-center';
import { DatabaseModule, PartnerCenterCredentialStore } from '@escalade/persistence';
import { startFakeEntra, type FakeEntra } from '@escalade/partner-center/testing';
import { AuthModule } from '../auth/auth.module';
import { anApiKey, httpAs } from '../auth/testing/api-keys';
import { createValidationPipe } from '../validation/validation.pipe';
import { PartnerCenterModule } from './partner-center.module';
import { APP_CREDENTIALS } from './testing/app-credentials';

const KEY = 'contoso.onmicrosoft.com/escalade-app';
const NEW_TOKEN = '0.AXoA-refresh-token-from-new-consent_x';
const PARTNER = '22222222-2222-2222-2222-222222222222';

/** The API on a SQLite file, with the environment `env` on top of the test's, behind the real AuthModule. */
async function apiWith(env: NodeJS.ProcessEnv): Promise<{ app: INestApplication; dataDir: string; admin: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-partner-center-api-'));
  const savedEnv = { ...process.env };
  Object.assign(process.env, { DATA_DIR: dataDir, ...env });
  delete process.env.DATABASE_URL;
  try {
    const moduleRef = await Test.createTestingModule({
      // appConfigModule() reads the environment when called: only after it is set.
      imports: [appConfigModule(), DatabaseModule.forRoot({ runMigrations: true }), AuthModule, PartnerCenterModule],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalPipes(createValidationPipe());
    await app.init();
    // A refresh token files tickets as a Partner Center user, for every partner: only such an admin may see or set it.
    return { app, dataDir, admin: await anApiKey(app, '*') };
  } finally {
    process.env = savedEnv;
  }
}

describe('Partner Center credentials API (with the app credentials)', () => {
  let app: INestApplication;
  let dataDir: string;
  let admin: string;
  let entra: FakeEntra;
  const http = () => httpAs(app, admin);
  const store = () => app.get(PartnerCenterCredentialStore);
  /** The worker's credentials, on the same table. */
  const worker = () =>
    new PartnerCenterCredentials({
      authorityUrl: entra.authorityUrl,
      tenantId: APP_CREDENTIALS.PARTNER_CENTER_TENANT_ID,
      clientId: APP_CREDENTIALS.PARTNER_CENTER_CLIENT_ID,
      credential: { clientSecret: APP_CREDENTIALS.PARTNER_CENTER_CLIENT_SECRET },
      refreshToken: APP_CREDENTIALS.PARTNER_CENTER_REFRESH_TOKEN,
      store: store(),
    });

  beforeAll(async () => ({ app, dataDir, admin } = await apiWith(APP_CREDENTIALS)));
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    entra = await startFakeEntra({ clientId: 'escalade-app', clientSecret: 'app-secret', refreshToken: 'consented' });
  });
  afterEach(async () => {
    await entra.close();
    await app.get(DataSource).query('DELETE FROM partner_center_credentials');
    await app.get(DataSource).query('DELETE FROM partner_center_credential_status');
  });

  it.each([
    ['missing', {}, 'refreshToken should not be empty'],
    ['empty', { refreshToken: '' }, 'refreshToken should not be empty'],
    ['not a string', { refreshToken: 12345 }, 'refreshToken must be a string'],
    ['null', { refreshToken: null }, 'refreshToken must be a string'],
    ['too long', { refreshToken: 'x'.repeat(8_193) }, 'refreshToken must be shorter than or equal to 8192 characters'],
    ['with a space', { refreshToken: `Bearer ${NEW_TOKEN}` }, 'refreshToken must not contain spaces'],
    ['with a control character', { refreshToken: `${NEW_TOKEN}\n` }, 'refreshToken must not contain control characters'],
  ])('refuses a refresh token %s with a 400 naming it, storing nothing and echoing nothing', async (_case, body, problem) => {
    const response = await http().put('/partner-center/credentials').send(body).expect(400);

    expect(response.body.errors).toEqual([{ field: 'refreshToken', problems: expect.arrayContaining([problem]) }]);
    expect(response.text).not.toContain(NEW_TOKEN);
    expect(await store().get(KEY)).toBeUndefined();
  });

  it("is the whole deployment's: an admin bound to every partner tenant only", async () => {
    await request(app.getHttpServer()).get('/partner-center/credentials').expect(401);
    for (const credential of [await anApiKey(app, [PARTNER]), await anApiKey(app, '*', 'coordinator')]) {
      await httpAs(app, credential).get('/partner-center/credentials').expect(403);
      await httpAs(app, credential).put('/partner-center/credentials').send({ refreshToken: NEW_TOKEN }).expect(403);
    }
    expect(await store().get(KEY)).toBeUndefined();
  });

  it('refuses any other property', async () => {
    const { body } = await http().put('/partner-center/credentials').send({ refreshToken: NEW_TOKEN, accessToken: 'x' }).expect(400);
    expect(body.errors).toEqual([{ field: 'accessToken', problems: ['property accessToken should not exist'] }]);
  });

  it('stores the token encrypted, descending from the configured one, answering 202 without it', async () => {
    const { body, text } = await http().put('/partner-center/credentials').send({ refreshToken: NEW_TOKEN }).expect(202);

    expect(body).toEqual({ status: 'stored', storedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(text).not.toContain(NEW_TOKEN);
    expect(await store().get(KEY)).toEqual({ refreshToken: NEW_TOKEN, seedHash: seedHashOf('consented'), version: 1 });
    expect(JSON.stringify(await app.get(DataSource).query('SELECT * FROM partner_center_credentials'))).not.toContain(NEW_TOKEN);
  });

  it('shows the status the worker wrote, never a token: failing, then ok once it took the new token without a restart', async () => {
    expect((await http().get('/partner-center/credentials').expect(200)).body).toEqual({ state: 'unknown' });
    const running = worker();
    entra.refreshTokens.clear(); // the consented token revoked
    await expect(running.accessToken()).rejects.toMatchObject({ error: 'invalid_grant' });
    await until(async () => (await http().get('/partner-center/credentials')).body.state === 'failing');
    const failing = await http().get('/partner-center/credentials').expect(200);
    expect(failing.body).toEqual({ state: 'failing', since: expect.any(String), reason: expect.stringContaining('invalid_grant'), updatedAt: expect.any(String) });

    entra.refreshTokens.add(NEW_TOKEN);
    await http().put('/partner-center/credentials').send({ refreshToken: NEW_TOKEN }).expect(202);
    expect(await running.accessToken()).toBe('access-token-1');

    await until(async () => (await http().get('/partner-center/credentials')).body.state === 'ok');
    const ok = await http().get('/partner-center/credentials').expect(200);
    expect(ok.body).toEqual({ state: 'ok', since: expect.any(String), updatedAt: expect.any(String) });
    expect(ok.text).not.toMatch(/refresh-token|access-token|consented|AXoA/);
    expect(entra.requests.map(({ form }) => form.get('refresh_token'))).toEqual(['consented', NEW_TOKEN]);
  });
});

describe('Partner Center credentials API (tickets filed in-process)', () => {
  let app: INestApplication;
  let dataDir: string;
  let admin: string;

  beforeAll(async () => ({ app, dataDir, admin } = await apiWith({ MICROSOFT_SUPPORT: 'in-process' })));
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('says the credentials are not used, and refuses a refresh token with a 409 saying why', async () => {
    expect((await httpAs(app, admin).get('/partner-center/credentials').expect(200)).body).toEqual({ state: 'not-used' });
    const { body } = await httpAs(app, admin).put('/partner-center/credentials').send({ refreshToken: NEW_TOKEN }).expect(409);
    expect(body.message).toContain('without Partner Center app credentials');
  });
});

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await condition()); waited += 10) {
    if (waited > 2_000) throw new Error('the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
