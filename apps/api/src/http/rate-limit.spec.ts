import { anApiKey, httpAs } from '../auth/testing/api-keys';
import { startAuthApp, type AuthApp } from '../auth/testing/auth-app';
import { rateLimitedAuthentication } from './rate-limit.module';

const PER_IP = 3;
const PER_PRINCIPAL = 5;

/** Date.now() only: the hit counts' clock, moved by the test; sockets and timers keep real time. */
function fakeClock(): void {
  jest.useFakeTimers({
    now: Date.now(),
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
}

describe('rate limits (AuthModule between the per-address and per-principal limits)', () => {
  let auth: AuthApp;

  beforeEach(async () => {
    fakeClock();
    auth = await startAuthApp({ RATE_LIMIT_PER_IP: String(PER_IP), RATE_LIMIT_PER_PRINCIPAL: String(PER_PRINCIPAL) }, rateLimitedAuthentication);
  });
  afterEach(async () => {
    await auth?.close();
    jest.useRealTimers();
  });

  it('limits requests without credentials per address before authentication: 401s, then a 429 with Retry-After and a JSON body', async () => {
    for (let i = 0; i < PER_IP; i++) await auth.http().get('/probe/read').expect(401);

    const { headers, body } = await auth.http().get('/probe/read').expect(429);

    expect(Number(headers['retry-after'])).toBeGreaterThanOrEqual(59);
    expect(Number(headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `Too many requests: at most ${PER_IP} a minute from one address without credentials; retry in ${headers['retry-after']} s (Retry-After)`,
    });
  });

  it('counts public routes per address, credentials or not: no principal answers for them', async () => {
    const key = await anApiKey(auth.app, '*');
    await auth.http().get('/probe/public').expect(200);
    await httpAs(auth.app, key).get('/probe/public').expect(200);
    await auth.http().get('/probe/public').expect(200);
    await httpAs(auth.app, key).get('/probe/public').expect(429);
  });

  it('limits a principal per principal, across routes and whatever the per-address limit, once it is authenticated', async () => {
    const [first, second] = [await anApiKey(auth.app, '*'), await anApiKey(auth.app, '*')];
    for (let i = 0; i < PER_PRINCIPAL; i++) {
      const { headers } = await (i % 2 ? httpAs(auth.app, first).post('/probe/write') : httpAs(auth.app, first).get('/probe/read'));
      expect(headers).toMatchObject({ 'x-ratelimit-limit': String(PER_PRINCIPAL), 'x-ratelimit-remaining': String(PER_PRINCIPAL - i - 1) });
    }

    const { body } = await httpAs(auth.app, first).get('/probe/read').expect(429);

    expect(body.message).toMatch(new RegExp(`^Too many requests: at most ${PER_PRINCIPAL} a minute per principal; retry in \\d+ s`));
    await httpAs(auth.app, second).get('/probe/read').expect(200); // its own budget
    await auth.http().get('/probe/read').expect(401); // and the address's, for requests without credentials
  });

  it('lets a principal in again as its requests leave the minute-long window', async () => {
    const key = await anApiKey(auth.app, '*');
    for (let i = 0; i < PER_PRINCIPAL; i++) {
      await httpAs(auth.app, key).get('/probe/read').expect(200);
      jest.setSystemTime(Date.now() + 10_000);
    }
    const { headers } = await httpAs(auth.app, key).get('/probe/read').expect(429);
    // the first request, 50 s ago, leaves the window in 10 s
    expect(Number(headers['retry-after'])).toBe(10);

    jest.setSystemTime(Date.now() + 10_001);
    await httpAs(auth.app, key).get('/probe/read').expect(200);
    await httpAs(auth.app, key).get('/probe/read').expect(429);
  });
});

describe('rate limits per address behind a proxy', () => {
  let auth: AuthApp;
  const from = (client: string) => auth.http().get('/probe/public').set('x-forwarded-for', client);

  afterEach(() => auth?.close());

  it('count each client by X-Forwarded-For from a proxy TRUST_PROXY names', async () => {
    auth = await startAuthApp({ RATE_LIMIT_PER_IP: '1', TRUST_PROXY: 'loopback' }, rateLimitedAuthentication);
    await from('203.0.113.7').expect(200);
    await from('203.0.113.7').expect(429);
    await from('198.51.100.20').expect(200);
  });

  it('count the socket address otherwise: a forged X-Forwarded-For escapes nothing', async () => {
    auth = await startAuthApp({ RATE_LIMIT_PER_IP: '1' }, rateLimitedAuthentication);
    await from('203.0.113.7').expect(200);
    await from('198.51.100.20').expect(429);
  });
});

describe('rate limits by default', () => {
  let auth: AuthApp;

  beforeAll(async () => {
    auth = await startAuthApp({}, rateLimitedAuthentication);
  });
  afterAll(() => auth?.close());

  it('are 600 requests a minute per principal and 60 per address without credentials', async () => {
    const { headers } = await httpAs(auth.app, await anApiKey(auth.app, '*')).get('/probe/read').expect(200);
    expect(headers['x-ratelimit-limit']).toBe('600');
    const anonymous = await auth.http().get('/probe/public').expect(200);
    expect(anonymous.headers['x-ratelimit-limit']).toBe('60');
  });
});
