import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PartnerCenterCredentials } from './credentials/partner-center-credentials';
import { INVALID_GRANT, startFakeEntra, type FakeEntra } from './credentials/testing/fake-entra';
import { InMemoryRefreshTokenStore } from './credentials/testing/in-memory-refresh-token-store';
import { PartnerCenterClient, type PartnerCenterClientOptions } from './partner-center.client';
import { PartnerCenterCredentialsError, PartnerCenterRejectedError, PartnerCenterUnavailableError, isRetryable } from './partner-center.errors';
import { failureOf } from './testing/failure-of';

const CLIENT_ID = 'escalade-app';
const SECRET = 'client-secret-value';
const RESOURCE = { id: '1', status: 'open' };

describe('PartnerCenterClient with renewable credentials', () => {
  let entra: FakeEntra;
  let server: Server;
  let baseUrl: string;
  /** What Partner Center received: the bearer token and MS-RequestId of each request. */
  let received: Array<{ token: string; requestId: string }>;
  /** Partner Center's answer; by default 200 for the latest access token Entra ID issued, 401 for any other. */
  let answer: (req: IncomingMessage, res: ServerResponse) => void;
  const acceptLatestToken = (req: IncomingMessage, res: ServerResponse) =>
    req.headers.authorization === `Bearer ${entra.accessTokens.at(-1)}`
      ? res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(RESOURCE))
      : res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 401, description: 'Token expired', errorName: 'Unauthorized' }));

  let credentials: PartnerCenterCredentials;
  const clientWith = (options: Partial<PartnerCenterClientOptions> = {}) =>
    new PartnerCenterClient({ baseUrl, agentLocale: 'en-US', tokenProvider: credentials, ...options });

  beforeAll(async () => {
    server = createServer((req, res) => {
      received.push({ token: (req.headers.authorization ?? '').replace(/^Bearer /, ''), requestId: String(req.headers['ms-requestid']) });
      answer(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(async () => {
    entra = await startFakeEntra({ clientId: CLIENT_ID, clientSecret: SECRET, refreshToken: 'consented', delayMs: 20 });
    credentials = entra.appCredentials({ store: new InMemoryRefreshTokenStore() });
    received = [];
    answer = acceptLatestToken;
  });
  afterEach(() => entra.close());

  it('on a 401, renews the token once and retries the call once, with the same request id', async () => {
    const client = clientWith();
    await client.getServiceRequest('1');
    entra.accessTokens.push('revoked-behind-our-back');

    expect(await client.createServiceRequest({} as never, { requestId: 'INC-1', correlationId: 'INC-1' })).toEqual(RESOURCE);

    expect(received.map(({ token }) => token)).toEqual(['access-token-1', 'access-token-1', 'access-token-2']);
    expect(received[1].requestId).toBe(received[2].requestId);
    expect(entra.requests).toHaveLength(2);
    expect(credentials.status()).toMatchObject({ state: 'ok' });
  });

  it('shares one renewal among 20 calls refused together', async () => {
    const client = clientWith();
    await client.getServiceRequest('1');
    entra.accessTokens.push('revoked-behind-our-back');

    await Promise.all(Array.from({ length: 20 }, () => client.getServiceRequest('1')));

    expect(entra.requests).toHaveLength(2);
    expect(received).toHaveLength(41);
  });

  it.each([401, 403])('throws PartnerCenterCredentialsError when Partner Center answers %i even to a fresh token', async (status) => {
    answer = (_req, res) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ code: status, description: 'No MFA claim' }));

    const err = await failureOf(clientWith().createServiceRequest({} as never, { requestId: 'INC-2', correlationId: 'INC-2' }));

    expect(err).toBeInstanceOf(PartnerCenterCredentialsError);
    expect(err).not.toBeInstanceOf(PartnerCenterRejectedError);
    expect(err).toMatchObject({ failure: 'partner-center-refused', status, operation: 'create service request' });
    expect(err.message).toContain(`HTTP ${status} (No MFA claim) to a freshly renewed access token`);
    expect(isRetryable(err)).toBe(true);
    expect(received).toHaveLength(2);
    expect(credentials.status()).toMatchObject({ state: 'failing', reason: expect.stringContaining(`HTTP ${status}`) });

    answer = acceptLatestToken;
    await clientWith().getServiceRequest('1');
    expect(credentials.status()).toMatchObject({ state: 'ok' });
  });

  it('throws PartnerCenterCredentialsError, sending nothing to Partner Center, when Entra ID refuses the renewal', async () => {
    entra.refuseWith(INVALID_GRANT);

    const err = await failureOf(clientWith().getServiceRequest('1'));

    expect(err).toBeInstanceOf(PartnerCenterCredentialsError);
    expect(err).toMatchObject({ failure: 'renewal-refused', error: 'invalid_grant' });
    expect(received).toHaveLength(0);
    expect(credentials.status()).toMatchObject({ state: 'failing' });
  });

  it('does not resend with a static token that Partner Center refused', async () => {
    const err = await failureOf(clientWith({ tokenProvider: async () => 'static-dev-token' }).getServiceRequest('1'));

    expect(err).toMatchObject({ failure: 'partner-center-refused', status: 401 });
    expect(err.message).toContain('to the access token (no other could be had)');
    expect(received).toHaveLength(1);
  });

  it('after a 429 with Retry-After, sends nothing until it has elapsed', async () => {
    let clock = Date.parse('2026-11-27T10:00:00Z');
    const client = clientWith({ now: () => clock });
    answer = (_req, res) => res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '30' }).end('{"code":429}');

    const throttled = await failureOf(client.getServiceRequest('1'));
    expect(throttled).toMatchObject({ status: 429, retryAfterMs: 30_000 });
    answer = acceptLatestToken;

    clock += 29_999;
    const early = await failureOf(client.createServiceRequest({} as never, { requestId: 'INC-3', correlationId: 'INC-3' }));
    expect(early).toBeInstanceOf(PartnerCenterUnavailableError);
    expect(early).toMatchObject({ status: 429, retryAfterMs: 1 });
    expect(isRetryable(early)).toBe(true);
    expect(received).toHaveLength(1);

    clock += 1;
    expect(await client.getServiceRequest('1')).toEqual(RESOURCE);
    expect(received).toHaveLength(2);
  });

  it('keeps a 400 about the request a PartnerCenterRejectedError', async () => {
    answer = (_req, res) => res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 400, description: 'Title: required' }));
    expect(await failureOf(clientWith().getServiceRequest('1'))).toBeInstanceOf(PartnerCenterRejectedError);
    expect(received).toHaveLength(1);
  });
});
