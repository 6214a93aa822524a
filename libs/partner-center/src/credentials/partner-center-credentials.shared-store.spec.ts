import { createHash } from 'node:crypto';
import { PartnerCenterCredentialsError } from '../partner-center.errors';
import { startFakeEntra, INVALID_GRANT, type FakeEntra } from './testing/fake-entra';
import { InMemoryRefreshTokenStore } from './testing/in-memory-refresh-token-store';

const KEY = 'partner-tenant/escalade-app';
const CONSENTED = 'refresh-token-from-consent';
const SEED = createHash('sha256').update(CONSENTED).digest('hex');
const flushed = () => new Promise((resolve) => setImmediate(resolve));

/** The store as the workers and the API share it: re-read before each renewal, written conditionally, with the status. */
describe('PartnerCenterCredentials sharing the store', () => {
  let entra: FakeEntra;
  let store: InMemoryRefreshTokenStore;
  let clock: number;
  let warnings: string[];
  const credentials = () =>
    entra.appCredentials({
      store,
      now: () => clock,
      logger: { warn: (message) => warnings.push(message) },
    });
  const redeemed = () => entra.requests.map(({ form }) => form.get('refresh_token'));

  beforeEach(async () => {
    entra = await startFakeEntra({ clientId: 'escalade-app', clientSecret: 'app-secret', refreshToken: CONSENTED });
    store = new InMemoryRefreshTokenStore();
    clock = Date.parse('2026-11-27T10:00:00Z');
    warnings = [];
  });
  afterEach(() => entra.close());

  it('writes its status to the store when it changes, not at each call, and never a token', async () => {
    const subject = credentials();
    await subject.accessToken();
    await subject.accessToken();
    subject.invalidate();
    await subject.accessToken();

    clock += 60_000;
    entra.refuseWith(INVALID_GRANT);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      subject.invalidate();
      await expect(subject.accessToken()).rejects.toBeInstanceOf(PartnerCenterCredentialsError);
    }
    clock += 60_000;
    entra.refuseWith(undefined);
    await subject.accessToken();
    await flushed();

    expect(store.statuses).toEqual([
      { key: KEY, status: { state: 'ok', since: '2026-11-27T10:00:00.000Z' } },
      { key: KEY, status: { state: 'failing', since: '2026-11-27T10:01:00.000Z', reason: expect.stringContaining('invalid_grant') } },
      { key: KEY, status: { state: 'ok', since: '2026-11-27T10:02:00.000Z' } },
    ]);
    expect(JSON.stringify(store.statuses)).not.toMatch(/refresh-token|access-token|app-secret/);
  });

  it('takes up a refresh token put in the store after Entra ID refused the one it held, without a restart', async () => {
    const subject = credentials();
    await subject.accessToken();
    entra.refreshTokens.clear(); // revoked: the user's password was reset
    subject.invalidate();
    await expect(subject.accessToken()).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(subject.status().state).toBe('failing');

    entra.refreshTokens.add('refresh-token-from-new-consent');
    expect(await store.put(KEY, { refreshToken: 'refresh-token-from-new-consent', seedHash: SEED }, 1)).toBe(true);

    expect(await subject.accessToken()).toBe('access-token-2');
    expect(redeemed()).toEqual([CONSENTED, 'refresh-token-1', 'refresh-token-from-new-consent']);
    expect(store.tokens.get(KEY)).toEqual({ refreshToken: 'refresh-token-2', seedHash: SEED, version: 3 });
    expect(subject.status().state).toBe('ok');
  });

  it('retries with the token another worker stored while the one it held was being refused', async () => {
    const subject = credentials();
    const otherWorker = credentials();
    await subject.accessToken();
    const get = store.get.bind(store);
    store.get = async (key) => {
      const stale = await get(key);
      store.get = get;
      await otherWorker.accessToken(); // redeems refresh-token-1 first, storing refresh-token-2
      return stale;
    };

    subject.invalidate();
    expect(await subject.accessToken()).toBe('access-token-3');

    expect(redeemed()).toEqual([CONSENTED, 'refresh-token-1', 'refresh-token-1', 'refresh-token-2']);
    expect(store.tokens.get(KEY)).toMatchObject({ refreshToken: 'refresh-token-3', version: 3 });
    await flushed();
    expect(store.statuses.map(({ status }) => status.state)).not.toContain('failing');
  });

  it("takes the winner's token when another worker stored its rotation first", async () => {
    const subject = credentials();
    const put = store.put.bind(store);
    store.put = async (key, token, expectedVersion) => {
      store.put = put;
      await put(key, { refreshToken: 'token-of-the-winner', seedHash: SEED }, expectedVersion);
      return put(key, token, expectedVersion);
    };

    await subject.accessToken();
    entra.refreshTokens.add('token-of-the-winner');
    subject.invalidate();
    await subject.accessToken();

    expect(redeemed()).toEqual([CONSENTED, 'token-of-the-winner']);
    expect(store.tokens.get(KEY)).toEqual({ refreshToken: 'refresh-token-2', seedHash: SEED, version: 2 });
  });

  it('renews with the token in memory when the store cannot be read, and says so', async () => {
    const subject = credentials();
    await subject.accessToken();
    store.get = async () => {
      throw new Error('database unavailable');
    };

    subject.invalidate();
    expect(await subject.accessToken()).toBe('access-token-2');

    expect(redeemed()).toEqual([CONSENTED, 'refresh-token-1']);
    expect(warnings).toEqual([expect.stringContaining('cannot read the stored refresh token: database unavailable')]);
  });
});
