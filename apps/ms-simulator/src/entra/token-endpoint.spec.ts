import { constants, createPrivateKey, createSign, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { EntraErrorBody } from './entra-error';
import type { TokenResponse } from './token-endpoint.service';
import { readJson } from '../testing/partner-center-requests';
import {
  PARTNER_CENTER_RESOURCE,
  SIMULATOR_CLIENT_ID,
  SIMULATOR_TENANT_ID,
} from '../config/simulator-credentials';
import { SIMULATOR_TEST_CERTIFICATE_KEY_PATH, SIMULATOR_TEST_CERTIFICATE_PATH } from '../testing/test-certificate';
import { startSimulator, type RunningSimulator } from '../testing/start-simulator';
import { aRefreshGrant, requestToken } from '../testing/token-requests';

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as Record<string, unknown>;

async function entraError(response: Response): Promise<{ status: number; error: string; code: number; body: EntraErrorBody }> {
  const body = await readJson<EntraErrorBody>(response);
  return { status: response.status, error: body.error, code: body.error_codes[0], body };
}

const supportTopics = (simulator: RunningSimulator, accessToken: string) =>
  fetch(`${simulator.baseUrl}/v1/servicerequests/supporttopics`, { headers: { Authorization: `Bearer ${accessToken}` } });

describe("the simulator's Entra ID token endpoint (refresh-token grant)", () => {
  let simulator: RunningSimulator;
  beforeAll(async () => (simulator = await startSimulator({ SIMULATOR_ACCESS_TOKEN_LIFETIME_SECONDS: '5' })));
  afterAll(() => simulator.app.close());

  it('answers as Entra ID: a Bearer access token for Partner Center, its lifetime and a new refresh token', async () => {
    const response = await requestToken(simulator.baseUrl, aRefreshGrant({ client_info: '1', scope: `${PARTNER_CENTER_RESOURCE}/.default openid offline_access` }));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await readJson<TokenResponse>(response);
    expect(body).toEqual({
      token_type: 'Bearer',
      scope: `${PARTNER_CENTER_RESOURCE}/user_impersonation`,
      expires_in: 5,
      ext_expires_in: 5,
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      id_token: expect.any(String),
      client_info: expect.any(String),
    });
    const claims = claimsOf(body.access_token);
    expect(claims).toMatchObject({ aud: PARTNER_CENTER_RESOURCE, tid: SIMULATOR_TENANT_ID, appid: SIMULATOR_CLIENT_ID, amr: ['pwd', 'mfa'] });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(5);
    expect((await supportTopics(simulator, body.access_token)).status).toBe(200);
  });

  it('rotates the refresh token: each use answers a new one, and the used one stops working after the grace', async () => {
    const strict = await startSimulator({ SIMULATOR_REFRESH_TOKEN_GRACE_SECONDS: '0' });
    try {
      const first = await readJson<TokenResponse>(await requestToken(strict.baseUrl, aRefreshGrant()));
      const second = await readJson<TokenResponse>(await requestToken(strict.baseUrl, aRefreshGrant({ refresh_token: first.refresh_token })));
      expect(second.refresh_token).not.toBe(first.refresh_token);
      await new Promise((resolve) => setTimeout(resolve, 5));

      const reused = await entraError(await requestToken(strict.baseUrl, aRefreshGrant({ refresh_token: first.refresh_token })));
      expect(reused).toMatchObject({ status: 400, error: 'invalid_grant', code: 50173 });
      expect((await requestToken(strict.baseUrl, aRefreshGrant({ refresh_token: second.refresh_token }))).status).toBe(200);
    } finally {
      await strict.app.close();
    }
  });

  it('lets a rotated-out refresh token work during the grace, and keeps it when rotation is off', async () => {
    const first = await readJson<TokenResponse>(await requestToken(simulator.baseUrl, aRefreshGrant()));
    expect((await requestToken(simulator.baseUrl, aRefreshGrant())).status).toBe(200);
    expect(first.refresh_token).not.toBe(aRefreshGrant().refresh_token);

    const fixed = await startSimulator({ SIMULATOR_REFRESH_TOKEN_ROTATION: 'false', SIMULATOR_REFRESH_TOKEN_GRACE_SECONDS: '0' });
    try {
      for (let i = 0; i < 2; i += 1) {
        const body = await readJson<TokenResponse>(await requestToken(fixed.baseUrl, aRefreshGrant()));
        expect(body.refresh_token).toBe(aRefreshGrant().refresh_token);
      }
    } finally {
      await fixed.app.close();
    }
  });

  it("takes a refresh token issued before a restart: they are signed with the configured key", async () => {
    const issued = await readJson<TokenResponse>(await requestToken(simulator.baseUrl, aRefreshGrant()));
    const restarted = await startSimulator();
    try {
      expect((await requestToken(restarted.baseUrl, aRefreshGrant({ refresh_token: issued.refresh_token }))).status).toBe(200);
    } finally {
      await restarted.app.close();
    }
  });

  it.each([
    ['no grant_type', aRefreshGrant({ grant_type: undefined }), 400, 'invalid_request', 900144],
    ['another grant', aRefreshGrant({ grant_type: 'password' }), 400, 'unsupported_grant_type', 70003],
    ['an unknown application', aRefreshGrant({ client_id: 'someone-else' }), 400, 'unauthorized_client', 700016],
    ['no client credential', aRefreshGrant({ client_secret: undefined }), 401, 'invalid_client', 7000218],
    ['a wrong secret', aRefreshGrant({ client_secret: 'guess' }), 401, 'invalid_client', 7000215],
    ['no refresh token', aRefreshGrant({ refresh_token: undefined }), 400, 'invalid_request', 900144],
    ['a refresh token it never issued', aRefreshGrant({ refresh_token: 'forged' }), 400, 'invalid_grant', 9002313],
    ['no scope', aRefreshGrant({ scope: undefined }), 400, 'invalid_request', 900144],
    ['only OpenID scopes', aRefreshGrant({ scope: 'openid offline_access' }), 400, 'invalid_scope', 70011],
    ['a resource never consented to', aRefreshGrant({ scope: 'https://graph.microsoft.com/.default' }), 400, 'invalid_grant', 65001],
  ])('refuses %s with Entra ID’s error', async (_what, form, status, error, code) => {
    const refused = await entraError(await requestToken(simulator.baseUrl, form));
    expect(refused).toMatchObject({ status, error, code });
    expect(refused.body).toEqual({
      error,
      error_description: expect.stringMatching(new RegExp(`^AADSTS${code}: .* Trace ID: .* Correlation ID: .* Timestamp: `)),
      error_codes: [code],
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/),
      trace_id: expect.any(String),
      correlation_id: expect.any(String),
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
      ...(code === 65001 ? { suberror: 'consent_required' } : {}),
    });
  });

  it('answers for the partner tenant, common and organizations, not for another tenant', async () => {
    for (const tenant of ['common', 'organizations']) expect((await requestToken(simulator.baseUrl, aRefreshGrant(), tenant)).status).toBe(200);
    const other = await entraError(await requestToken(simulator.baseUrl, aRefreshGrant(), 'contoso.onmicrosoft.com'));
    expect(other).toMatchObject({ status: 400, code: 90002 });
  });
});

describe('client assertions signed with the application certificate', () => {
  let simulator: RunningSimulator;
  const certificate = new X509Certificate(readFileSync(SIMULATOR_TEST_CERTIFICATE_PATH));
  const privateKey = createPrivateKey(readFileSync(SIMULATOR_TEST_CERTIFICATE_KEY_PATH));
  const thumbprint = (hex: string) => Buffer.from(hex.replace(/:/g, ''), 'hex').toString('base64url');
  const tokenEndpoint = `https://login.microsoftonline.com/${SIMULATOR_TENANT_ID}/oauth2/v2.0/token`;

  /** As MSAL builds one: RS256 with x5t (SHA-1 thumbprint) or PS256 with x5t#S256. */
  function assertion(claims: Record<string, unknown> = {}, alg: 'RS256' | 'PS256' = 'RS256', key = privateKey): string {
    const now = Math.floor(Date.now() / 1000);
    const header = alg === 'RS256' ? { alg, x5t: thumbprint(certificate.fingerprint) } : { alg, 'x5t#S256': thumbprint(certificate.fingerprint256) };
    const payload = { aud: tokenEndpoint, iss: SIMULATOR_CLIENT_ID, sub: SIMULATOR_CLIENT_ID, jti: 'j', nbf: now, exp: now + 600, ...claims };
    const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    const pss = alg === 'PS256' ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : {};
    return `${input}.${createSign('sha256').update(input).sign({ key, ...pss }).toString('base64url')}`;
  }

  const withAssertion = (clientAssertion: string) =>
    aRefreshGrant({
      client_secret: undefined,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: clientAssertion,
    });

  beforeAll(async () => (simulator = await startSimulator({ SIMULATOR_CLIENT_CERTIFICATE_PATH: SIMULATOR_TEST_CERTIFICATE_PATH })));
  afterAll(() => simulator.app.close());

  it('takes RS256 with x5t and PS256 with x5t#S256, the audience being Entra’s token endpoint or the simulator’s', async () => {
    expect((await requestToken(simulator.baseUrl, withAssertion(assertion()))).status).toBe(200);
    expect((await requestToken(simulator.baseUrl, withAssertion(assertion({}, 'PS256')))).status).toBe(200);
    const own = assertion({ aud: `${simulator.baseUrl}/${SIMULATOR_TENANT_ID}/oauth2/v2.0/token` });
    expect((await requestToken(simulator.baseUrl, withAssertion(own))).status).toBe(200);
  });

  it.each([
    ['signed with another key', () => assertion({}, 'RS256', generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey), 700027],
    ['for another token endpoint', () => assertion({ aud: 'https://login.microsoftonline.com/other/oauth2/v2.0/token' }), 700027],
    ['issued by another client', () => assertion({ iss: 'someone-else', sub: 'someone-else' }), 700027],
    ['expired', () => assertion({ exp: Math.floor(Date.now() / 1000) - 1 }), 700024],
  ])('refuses an assertion %s (invalid_client, 401)', async (_what, make, code) => {
    const refused = await entraError(await requestToken(simulator.baseUrl, withAssertion(make())));
    expect(refused).toMatchObject({ status: 401, error: 'invalid_client', code });
  });

  it('refuses a client assertion when no certificate is registered', async () => {
    const withoutCertificate = await startSimulator();
    try {
      const refused = await entraError(await requestToken(withoutCertificate.baseUrl, withAssertion(assertion())));
      expect(refused).toMatchObject({ status: 401, code: 700027 });
    } finally {
      await withoutCertificate.app.close();
    }
  });
});

