import { anApiKey, httpAs } from '../testing/api-keys';
import { startAuthApp, type AuthApp } from '../testing/auth-app';
import { startTestIssuer, TEST_OBJECT_ID, TEST_TENANT_ID, type TestIssuer } from '../testing/test-issuer';

const FABRIKAM = '22222222-2222-2222-2222-222222222222';
const TWELVE_HOURS = 12 * 60 * 60;

/** The session cookie a response sets, as its attributes. */
function sessionCookie(headers: Record<string, unknown>): { value: string; attributes: string[] } {
  const cookies = (headers['set-cookie'] as string[] | undefined) ?? [];
  const cookie = cookies.find((c) => c.startsWith('escalade_session='));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(cookies)}`);
  const [pair, ...attributes] = cookie.split(/;\s*/);
  return { value: decodeURIComponent(pair.slice('escalade_session='.length)), attributes };
}

describe('the console session (POST/DELETE /auth/session, GET /auth/me), local mode', () => {
  let auth: AuthApp;
  let viewer: string;

  beforeAll(async () => {
    auth = await startAuthApp({ NODE_ENV: 'development' });
    viewer = await anApiKey(auth.app, [FABRIKAM], 'viewer');
  });
  afterAll(() => auth?.close());

  it('says how to sign in, to anyone: local mode', async () => {
    await auth.http().get('/auth/config').expect(200, { mode: 'local' });
  });

  it('keeps a valid credential in an http-only, SameSite=Strict cookie for 12 hours, answering who signed in', async () => {
    const { body, headers } = await auth.http().post('/auth/session').send({ credential: viewer }).expect(200);

    expect(body).toEqual({ kind: 'api-key', name: `viewer of ${FABRIKAM}`, objectId: expect.any(String), role: 'viewer', partnerTenantIds: [FABRIKAM] });
    const cookie = sessionCookie(headers);
    expect(cookie.value).toBe(viewer);
    expect(cookie.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/', `Max-Age=${TWELVE_HOURS}`]));
    expect(cookie.attributes).not.toContain('Secure'); // plain http on loopback in development

    const me = await auth.http().get('/auth/me').set('cookie', `escalade_session=${encodeURIComponent(cookie.value)}`).expect(200);
    expect(me.body).toEqual(body);
  });

  it('refuses an invalid credential with a 401, setting no cookie', async () => {
    const { body, headers } = await auth.http().post('/auth/session').send({ credential: `esk_0123456789ab_${'A'.repeat(43)}` }).expect(401);
    expect(body.message).toBe('Unknown or revoked API key');
    expect(headers['set-cookie']).toBeUndefined();
    await auth.http().post('/auth/session').send({}).expect(400);
  });

  it('signs out by clearing the cookie, with the same attributes', async () => {
    const { headers } = await auth.http().delete('/auth/session').expect(204);
    const cookie = sessionCookie(headers);
    expect(cookie.value).toBe('');
    expect(cookie.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/', 'Expires=Thu, 01 Jan 1970 00:00:00 GMT']));
  });

  it('says who the credential is, and is no public route', async () => {
    await auth.http().get('/auth/me').expect(401);
    const { body } = await httpAs(auth.app, auth.localAdminKey!).get('/auth/me').expect(200);
    expect(body).toEqual({ kind: 'api-key', name: 'local admin', objectId: expect.any(String), role: 'admin', partnerTenantIds: ['*'] });
  });
});

describe('the console session in production (Entra ID configured)', () => {
  /** Production refuses to start without its own encryption key. */
  const PRODUCTION = { NODE_ENV: 'production', SECRETS_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64') };
  let issuer: TestIssuer;
  let auth: AuthApp;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    auth = await startAuthApp({
      ...PRODUCTION,
      ENTRA_CLIENT_ID: 'escalade-test',
      ENTRA_ALLOWED_TENANTS: TEST_TENANT_ID,
      ENTRA_AUTHORITY_URL: issuer.authority,
    });
  });
  afterAll(async () => {
    await auth?.close();
    await issuer?.close();
  });

  it('says how to sign in with Entra ID: its own tenant when one is allowed, and the scope', async () => {
    await auth.http().get('/auth/config').expect(200, {
      mode: 'entra',
      entra: { clientId: 'escalade-test', authority: issuer.authority, tenant: TEST_TENANT_ID, scope: 'api://escalade-test/access_as_user' },
    });
  });

  it('sets the cookie Secure, and ends a session on an Entra token when the token does', async () => {
    const token = await issuer.mint({ roles: ['Escalade.Viewer'], exp: Math.floor(Date.now() / 1000) + 300 });

    const { body, headers } = await auth.http().post('/auth/session').send({ credential: token }).expect(200);

    expect(body).toEqual({ kind: 'user', name: 'Test User', objectId: TEST_OBJECT_ID, tenantId: TEST_TENANT_ID, role: 'viewer', partnerTenantIds: [TEST_TENANT_ID] });
    const cookie = sessionCookie(headers);
    expect(cookie.attributes).toEqual(expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Strict']));
    const maxAge = Number(cookie.attributes.find((a) => a.startsWith('Max-Age='))?.slice('Max-Age='.length));
    expect(maxAge).toBeGreaterThan(290);
    expect(maxAge).toBeLessThanOrEqual(300);
    expect(sessionCookie((await auth.http().delete('/auth/session').expect(204)).headers).attributes).toContain('Secure');
  });

  it('has no local mode: no local admin key, and no start at all without Entra ID', async () => {
    expect(auth.localAdminKey).toBeUndefined();
    await expect(startAuthApp(PRODUCTION)).rejects.toThrow(
      'ENTRA_CLIENT_ID and ENTRA_ALLOWED_TENANTS are required with NODE_ENV=production: production has no local mode',
    );
  });
});
