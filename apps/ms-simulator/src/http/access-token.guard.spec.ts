import { createHmac } from 'node:crypto';
import { type PartnerCenterErrorBody, readJson } from '../testing/partner-center-requests';
import { startSimulator, type RunningSimulator } from '../testing/start-simulator';
import { aRefreshGrant, requestToken } from '../testing/token-requests';

const claimsOf = (jwt: string): object => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());

/** An HS256 JWT like the simulator's, signed with a key that is not the simulator's. */
function signedElsewhere(claims: object): string {
  const input = [{ alg: 'HS256', typ: 'JWT' }, claims].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.');
  return `${input}.${createHmac('sha256', 'not-the-simulator').update(input).digest('base64url')}`;
}

describe("Partner Center's answer to the bearer token", () => {
  let simulator: RunningSimulator;
  beforeAll(async () => (simulator = await startSimulator()));
  afterAll(() => simulator.app.close());

  const listWith = (authorization?: string) =>
    fetch(`${simulator.baseUrl}/v1/servicerequests`, { headers: authorization === undefined ? {} : { Authorization: authorization } });

  it('takes an access token from the token endpoint, not the refresh token that came with it', async () => {
    const tokens = await readJson<{ access_token: string; refresh_token: string }>(await requestToken(simulator.baseUrl, aRefreshGrant()));
    expect((await listWith(`Bearer ${tokens.access_token}`)).status).toBe(200);
    expect((await listWith(`Bearer ${tokens.refresh_token}`)).status).toBe(401);
  });

  const now = () => Math.floor(Date.now() / 1000);
  it.each([
    ['no Authorization header', () => undefined, /Authorization: Bearer/],
    ['a token signed with another key', () => `Bearer ${signedElsewhere(claimsOf(simulator.accessToken()))}`, /not one Microsoft Entra ID issued/],
    ['an expired token', () => `Bearer ${simulator.accessToken({ iat: now() - 3600, exp: now() - 1 })}`, /expired/],
    ['a token for Microsoft Graph', () => `Bearer ${simulator.accessToken({ aud: 'https://graph.microsoft.com' })}`, /another audience/],
    ['a token of another tenant', () => `Bearer ${simulator.accessToken({ tid: '00000000-0000-4000-8000-000000000000' })}`, /another tenant/],
    ['a token signed in without MFA', () => `Bearer ${simulator.accessToken({ amr: ['pwd'] })}`, /multifactor/],
  ])('answers 401 for %s, in its error shape with WWW-Authenticate', async (_what, authorization, why) => {
    const response = await listWith(authorization());
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    const body = await readJson<PartnerCenterErrorBody>(response);
    expect(body).toEqual({ code: 401, errorName: 'Unauthorized', description: expect.stringMatching(why) });
  });

  it('refuses a token once its short lifetime is over', async () => {
    const shortLived = await startSimulator({ SIMULATOR_ACCESS_TOKEN_LIFETIME_SECONDS: '1' });
    try {
      const token = shortLived.accessToken();
      const list = () => fetch(`${shortLived.baseUrl}/v1/servicerequests`, { headers: { Authorization: `Bearer ${token}` } });
      expect((await list()).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await list()).status).toBe(401);
    } finally {
      await shortLived.app.close();
    }
  });
});
