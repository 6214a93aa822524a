import { anApiKey, httpAs } from '../testing/api-keys';
import { startAuthApp, type AuthApp } from '../testing/auth-app';
import { startTestIssuer, tamperPayload, TEST_OBJECT_ID, TEST_TENANT_ID, type MintOptions, type TestClaims, type TestIssuer } from '../testing/test-issuer';

/** An indirect provider whose staff act for two resellers. */
const PROVIDER_TENANT = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
const RESELLERS = ['aaaaaaaa-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000002'];
/** The operator's tenant: acts for every partner. */
const OPERATOR_TENANT = '0f0f0f0f-2222-4333-8444-555566667777';
/** Allowed, but never used before the identity provider goes away: its signing keys are not cached. */
const UNSEEN_TENANT = '1e1e1e1e-2222-4333-8444-555566667777';
const FOREIGN_TENANT = 'f0f0f0f0-1111-4222-8333-444455556666';

describe('Entra ID sign-in through the real guard (a test issuer on loopback)', () => {
  let issuer: TestIssuer;
  let issuerClosed = false;
  let auth: AuthApp;
  const now = () => Math.floor(Date.now() / 1000);
  /** A coordinator's token unless the claims say otherwise. */
  const token = (claims: TestClaims = {}, options?: MintOptions) => issuer.mint({ roles: ['Escalade.Coordinator'], ...claims }, options);

  beforeAll(async () => {
    issuer = await startTestIssuer();
    auth = await startAuthApp({
      ENTRA_CLIENT_ID: 'escalade-test',
      ENTRA_ALLOWED_TENANTS: [TEST_TENANT_ID, PROVIDER_TENANT, OPERATOR_TENANT, UNSEEN_TENANT].join(','),
      ENTRA_AUTHORITY_URL: issuer.authority,
      ENTRA_TENANT_PARTNERS: JSON.stringify({ [PROVIDER_TENANT]: RESELLERS, [OPERATOR_TENANT]: ['*'] }),
    });
  });
  afterAll(async () => {
    await auth?.close();
    if (!issuerClosed) await issuer?.close();
  });

  /** The 401's reason, said in the body and in WWW-Authenticate alike. */
  async function refusal(credential: string): Promise<string> {
    const { body, headers } = await httpAs(auth.app, credential).get('/probe/read').expect(401);
    expect(headers['www-authenticate']).toBe(`Bearer realm="escalade", error="invalid_token", error_description="${body.message.replace(/"/g, "'")}"`);
    expect(body.message).not.toContain(credential);
    return body.message;
  }

  it("lets a coordinator in, as the user the token proves, acting for the user's own tenant", async () => {
    const { body } = await httpAs(auth.app, await token({ name: 'Ada' })).post('/probe/write').expect(201);
    expect(body).toEqual({
      kind: 'user',
      name: 'Ada',
      objectId: TEST_OBJECT_ID,
      tenantId: TEST_TENANT_ID,
      role: 'coordinator',
      partners: { all: false, tenantIds: [TEST_TENANT_ID] },
    });
  });

  it('gives the highest of its app roles; a viewer is refused what a coordinator does', async () => {
    const both = await httpAs(auth.app, await token({ roles: ['Escalade.Viewer', 'Escalade.Admin'] })).get('/auth/me').expect(200);
    expect(both.body.role).toBe('admin');
    await httpAs(auth.app, await token({ roles: ['Escalade.Viewer'] })).post('/probe/write').expect(403);
  });

  it.each([[[]], [['Other.App.Role']], [undefined]])('refuses a user without an Escalade app role (%j) with a 403 naming the roles', async (roles) => {
    const { body } = await httpAs(auth.app, await issuer.mint({ roles, name: 'Bob' })).get('/probe/read').expect(403);
    expect(body.message).toBe('Bob has no Escalade app role: an admin assigns Escalade.Viewer, Escalade.Coordinator or Escalade.Admin in Entra ID');
  });

  describe('refuses with a 401 saying why', () => {
    it('an expired token', async () => {
      const exp = now() - 3_600;
      expect(await refusal(await token({ iat: exp - 600, nbf: exp - 600, exp }))).toBe(`token expired at ${new Date(exp * 1000).toISOString()}`);
    });

    it('a token for another API', async () => {
      expect(await refusal(await token({ aud: 'api://someone-else' }))).toBe('token audience is not this API (expected api://escalade-test or escalade-test)');
    });

    it('a token from another issuer', async () => {
      expect(await refusal(await token({ iss: `https://login.example.com/${TEST_TENANT_ID}/v2.0` }))).toBe(
        `token issuer is not ${issuer.authority}/${TEST_TENANT_ID}/v2.0`,
      );
    });

    it('a token from a tenant not allowed', async () => {
      expect(await refusal(await token({ tid: FOREIGN_TENANT }))).toBe(`token tenant ${FOREIGN_TENANT} is not allowed`);
    });

    it('a tampered token: more roles, the signature kept', async () => {
      const forged = tamperPayload(await token({ roles: ['Escalade.Viewer'] }), (payload) => ({ ...payload, roles: ['Escalade.Admin'] }));
      expect(await refusal(forged)).toBe('token signature is invalid');
    });

    it('an unsigned token (alg none)', async () => {
      expect(await refusal(await token({}, { alg: 'none' }))).toBe('token algorithm none is not allowed (only RS256)');
    });

    it('what is neither an API key nor a JWT', async () => {
      expect(await refusal('not-a-token')).toBe('malformed token: expected a JWT (three dot-separated parts)');
    });
  });

  it("maps a provider's tenant to the reseller tenants it acts for, besides its own", async () => {
    const { body } = await httpAs(auth.app, await token({ tid: PROVIDER_TENANT })).get('/auth/me').expect(200);
    expect(body).toMatchObject({ tenantId: PROVIDER_TENANT, partnerTenantIds: [PROVIDER_TENANT, ...RESELLERS] });
    await httpAs(auth.app, await token({ tid: PROVIDER_TENANT, roles: ['Escalade.Admin'] })).get('/probe/deployment').expect(403);
  });

  it('maps the operator tenant to every partner: its admins manage what is the whole deployment\'s', async () => {
    const admin = await token({ tid: OPERATOR_TENANT, roles: ['Escalade.Admin'] });
    expect((await httpAs(auth.app, admin).get('/auth/me').expect(200)).body).toMatchObject({ tenantId: OPERATOR_TENANT, partnerTenantIds: ['*'] });
    await httpAs(auth.app, admin).get('/probe/deployment').expect(200);
  });

  it('takes API keys too, for machine clients', async () => {
    await httpAs(auth.app, await anApiKey(auth.app, [RESELLERS[0]], 'coordinator')).post('/probe/write').expect(201);
  });

  it('answers 503 naming the identity provider when its signing keys cannot be fetched, not 401', async () => {
    const unseen = await token({ tid: UNSEEN_TENANT });
    await issuer.close();
    issuerClosed = true;

    const { body, headers } = await httpAs(auth.app, unseen).get('/probe/read').expect(503);

    expect(body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: 'The identity provider (Entra ID) is unavailable; retry shortly', dependency: 'identity-provider' });
    expect(headers['retry-after']).toBe('5');
  });
});
