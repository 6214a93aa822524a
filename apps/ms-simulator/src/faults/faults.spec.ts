import type { EntraErrorBody } from '../entra/entra-error';
import { callSimulator, type PartnerCenterErrorBody, readJson } from '../testing/partner-center-requests';
import { startSimulator, type RunningSimulator } from '../testing/start-simulator';
import { aRefreshGrant, requestToken } from '../testing/token-requests';
import type { FaultWindow } from './fault-windows.service';
import type { LoggedRequest } from './request-log.service';

describe('fault windows (POST/GET/DELETE /simulator/faults) and the request log', () => {
  let simulator: RunningSimulator;
  const call = (method: string, path: string, body?: unknown) => callSimulator(simulator, method, path, body);
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${simulator.baseUrl}/simulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const openFault = async (body: object) => readJson<FaultWindow>(await control('POST', 'faults', body));

  beforeAll(async () => (simulator = await startSimulator()));
  afterAll(() => simulator.app.close());
  afterEach(() => control('DELETE', 'faults'));

  it('answers 429 with Retry-After and the throttling body during a window, then works again', async () => {
    const window = await openFault({ kind: '429', durationMs: 300, retryAfterSeconds: 7 });
    expect(window).toMatchObject({ kind: '429', retryAfterSeconds: 7, operations: ['create', 'get', 'update', 'list', 'list-for-customer', 'support-topics'] });

    const throttled = await call('GET', '/v1/servicerequests');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(await throttled.json()).toEqual({ statusCode: 429, message: 'Rate limit is exceeded. Try again in 7 seconds.' });
    expect((await requestToken(simulator.baseUrl, aRefreshGrant())).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await call('GET', '/v1/servicerequests')).status).toBe(200);
  });

  it('sends the time left in the window as Retry-After unless told otherwise', async () => {
    await openFault({ kind: '429', durationMs: 4_500 });
    expect((await call('GET', '/v1/servicerequests/supporttopics')).headers.get('retry-after')).toBe('5');
  });

  it('answers 500 for the named operations only', async () => {
    await openFault({ kind: '500', durationMs: 60_000, operations: ['create'] });
    const failed = await call('POST', '/v1/servicerequests/en-US', { Title: 't', Description: 'd', Severity: 'minimal', SupportTopicId: '32570010' });
    expect(failed.status).toBe(500);
    expect(await readJson<PartnerCenterErrorBody>(failed)).toMatchObject({ code: 500, errorName: 'InternalServerError' });
    expect((await call('GET', '/v1/servicerequests')).status).toBe(200);
  });

  it('plays a credential outage with 401: Partner Center refuses the token and Entra ID the refresh token', async () => {
    await openFault({ kind: '401', durationMs: 60_000 });
    const refused = await call('GET', '/v1/servicerequests');
    expect(refused.status).toBe(401);
    expect(await readJson<PartnerCenterErrorBody>(refused)).toMatchObject({ code: 401, errorName: 'Unauthorized' });
    const renewal = await requestToken(simulator.baseUrl, aRefreshGrant());
    expect(renewal.status).toBe(400);
    expect(await readJson<EntraErrorBody>(renewal)).toMatchObject({ error: 'invalid_grant', error_codes: [50173] });

    await control('DELETE', 'faults');
    expect((await call('GET', '/v1/servicerequests')).status).toBe(200);
    expect((await requestToken(simulator.baseUrl, aRefreshGrant())).status).toBe(200);
  });

  it('can revoke the access tokens only, so a renewal cures the 401', async () => {
    await openFault({ kind: '401', durationMs: 60_000, operations: ['list'] });
    expect((await call('GET', '/v1/servicerequests')).status).toBe(401);
    expect((await requestToken(simulator.baseUrl, aRefreshGrant())).status).toBe(200);
  });

  it('lists the open windows and refuses a malformed one', async () => {
    const opened = await openFault({ kind: '500', durationMs: 60_000 });
    expect(await (await control('GET', 'faults')).json()).toEqual({ items: [opened] });

    const malformed = await control('POST', 'faults', { kind: '503', durationMs: 0, extra: true });
    expect(malformed.status).toBe(400);
    expect((await readJson<PartnerCenterErrorBody>(malformed)).description).toMatch(/extra: .*kind: .*durationMs: /);
    const tokenThrottled = await control('POST', 'faults', { kind: '429', durationMs: 1000, operations: ['token'] });
    expect((await readJson<PartnerCenterErrorBody>(tokenThrottled)).description).toContain('credential outage');
  });

  it('logs the Partner Center and token requests with their answers, from a given time', async () => {
    const since = new Date().toISOString();
    await openFault({ kind: '429', durationMs: 60_000, operations: ['get'] });
    await call('GET', '/v1/servicerequests/123');
    await requestToken(simulator.baseUrl, aRefreshGrant());
    await call('GET', '/v1/servicerequests');

    const { items } = await readJson<{ items: LoggedRequest[] }>(await control('GET', `requests?since=${encodeURIComponent(since)}`));
    expect(items).toEqual([
      { at: expect.any(String), operation: 'get', method: 'GET', path: '/v1/servicerequests/123', status: 429 },
      { at: expect.any(String), operation: 'token', method: 'POST', path: expect.stringMatching(/\/oauth2\/v2\.0\/token$/), status: 200 },
      { at: expect.any(String), operation: 'list', method: 'GET', path: '/v1/servicerequests', status: 200 },
    ]);
    expect(items.every((item) => item.at >= since)).toBe(true);
  });
});
