import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiKeyStore } from '@escalade/persistence';
import { LOCAL_ADMIN_KEY_FILE } from './local-admin-key';
import { anApiKey, httpAs } from './testing/api-keys';
import { startAuthApp, type AuthApp } from './testing/auth-app';

const FABRIKAM = '22222222-2222-2222-2222-222222222222';
/** Well-formed, never stored. */
const UNKNOWN_KEY = `esk_0123456789ab_${'A'.repeat(43)}`;

describe('AuthGuard (the real AuthModule, local mode, API keys on SQLite)', () => {
  let auth: AuthApp;
  let viewer: string;
  let coordinator: string;
  let partnerAdmin: string;

  beforeAll(async () => {
    auth = await startAuthApp();
    viewer = await anApiKey(auth.app, [FABRIKAM], 'viewer');
    coordinator = await anApiKey(auth.app, [FABRIKAM], 'coordinator');
    partnerAdmin = await anApiKey(auth.app, [FABRIKAM], 'admin');
  });
  afterAll(() => auth?.close());

  /** The 401's reason, checking that it is said in the body and in WWW-Authenticate alike. */
  async function unauthorized(response: Promise<{ status: number; body: { message: string }; headers: Record<string, string> }>): Promise<string> {
    const { status, body, headers } = await response;
    expect(status).toBe(401);
    expect(headers['www-authenticate']).toBe(`Bearer realm="escalade", error="invalid_token", error_description="${body.message.replace(/"/g, "'")}"`);
    return body.message;
  }

  describe('401 without a valid credential', () => {
    it('says how to sign in when there is none, challenging without an error code (RFC 6750 §3.1)', async () => {
      const { status, body, headers } = await auth.http().get('/probe/read');
      expect(status).toBe(401);
      expect(body.message).toBe('Sign in: send an API key (Authorization: Bearer <key> or X-API-Key) or an Entra ID access token');
      expect(headers['www-authenticate']).toBe('Bearer realm="escalade"');
    });

    it.each(['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', `Bearer ${UNKNOWN_KEY} extra`, UNKNOWN_KEY])('refuses the Authorization header %j', async (header) => {
      expect(await unauthorized(auth.http().get('/probe/read').set('authorization', header))).toBe('The Authorization header must be "Bearer <credential>"');
    });

    it('refuses an unknown API key, and a revoked one from its revocation on', async () => {
      expect(await unauthorized(httpAs(auth.app, UNKNOWN_KEY).get('/probe/read'))).toBe('Unknown or revoked API key');

      const key = await anApiKey(auth.app, [FABRIKAM], 'viewer');
      await httpAs(auth.app, key).get('/probe/read').expect(200);
      const { id } = (await auth.app.get(ApiKeyStore).authenticate(key))!;
      await auth.app.get(ApiKeyStore).revoke(id);
      expect(await unauthorized(httpAs(auth.app, key).get('/probe/read'))).toBe('Unknown or revoked API key');
    });

    it('refuses anything but an API key in local mode: no identity provider to check a token with', async () => {
      expect(await unauthorized(httpAs(auth.app, 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln').get('/probe/read'))).toBe(
        'Not an API key, and Entra ID sign-in is not configured (local mode): use an API key',
      );
    });
  });

  describe('the credential', () => {
    it('is taken from Authorization: Bearer (any case), X-API-Key or the session cookie, as the principal of its key', async () => {
      const expected = { kind: 'api-key', name: `viewer of ${FABRIKAM}`, role: 'viewer', partners: { all: false, tenantIds: [FABRIKAM] } };

      expect((await httpAs(auth.app, viewer).get('/probe/read').expect(200)).body).toMatchObject(expected);
      expect((await auth.http().get('/probe/read').set('authorization', `bearer  ${viewer}`).expect(200)).body).toMatchObject(expected);
      expect((await auth.http().get('/probe/read').set('x-api-key', ` ${viewer} `).expect(200)).body).toMatchObject(expected);
      expect((await auth.http().get('/probe/read').set('cookie', `theme=dark; escalade_session=${encodeURIComponent(viewer)}`).expect(200)).body).toMatchObject(expected);
    });

    it('is the Authorization header when a request carries several: a bad one is not saved by a good cookie', async () => {
      const both = auth.http().get('/probe/read').set('authorization', `Bearer ${UNKNOWN_KEY}`).set('cookie', `escalade_session=${viewer}`);
      expect(await unauthorized(both)).toBe('Unknown or revoked API key');
    });
  });

  describe('roles', () => {
    it("refuses a viewer a coordinator's route with a 403 naming the role needed", async () => {
      const { body } = await httpAs(auth.app, viewer).post('/probe/write').expect(403);
      expect(body.message).toBe(`This needs the coordinator role; viewer of ${FABRIKAM} has viewer`);
    });

    it('lets a coordinator, and an admin, do what a coordinator does: each role includes the ones before it', async () => {
      await httpAs(auth.app, coordinator).post('/probe/write').expect(201);
      await httpAs(auth.app, partnerAdmin).post('/probe/write').expect(201);
    });
  });

  it('opens a @Public() route to anyone, whatever credential comes with it', async () => {
    await auth.http().get('/probe/public').expect(200, { open: true });
    await httpAs(auth.app, UNKNOWN_KEY).get('/probe/public').expect(200, { open: true });
  });

  describe('@ForEveryPartner()', () => {
    it('refuses an admin bound to one partner tenant', async () => {
      const { body } = await httpAs(auth.app, partnerAdmin).get('/probe/deployment').expect(403);
      expect(body.message).toContain('needs a principal bound to every partner tenant');
    });

    it('lets in an admin key for every partner tenant, and the local admin key kept in DATA_DIR', async () => {
      await httpAs(auth.app, await anApiKey(auth.app, '*')).get('/probe/deployment').expect(200);

      expect(auth.localAdminKey).toBe(fs.readFileSync(path.join(auth.dataDir, LOCAL_ADMIN_KEY_FILE), 'utf8').trim());
      const { body } = await httpAs(auth.app, auth.localAdminKey!).get('/probe/deployment').expect(200);
      expect(body).toMatchObject({ kind: 'api-key', name: 'local admin', role: 'admin', partners: { all: true } });
    });

    it('still wants the role: a coordinator for every partner is refused an admin route', async () => {
      const { body } = await httpAs(auth.app, await anApiKey(auth.app, '*', 'coordinator')).get('/probe/deployment').expect(403);
      expect(body.message).toContain('This needs the admin role');
    });
  });
});
