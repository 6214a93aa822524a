import { createHash } from 'node:crypto';
import { PartnerCenterCredentialsError, PartnerCenterUnavailableError, isRetryable } from '../partner-center.errors';
import type { PartnerCenterCredentialsOptions } from './partner-center-credentials';
import { startFakeEntra, INVALID_GRANT, type FakeEntra } from './testing/fake-entra';
import { InMemoryRefreshTokenStore } from './testing/in-memory-refresh-token-store';
import { failureOf } from '../testing/failure-of';

const TENANT = '9a3c1f52-7d4e-4b8a-9c61-2e5f8d7b3a10';
const CLIENT_ID = '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const SECRET = 'client-secret-value';
const CONSENTED = 'refresh-token-from-consent';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('PartnerCenterCredentials (client secret)', () => {
  let entra: FakeEntra;
  let store: InMemoryRefreshTokenStore;
  let clock: number;
  const credentials = (options: Partial<PartnerCenterCredentialsOptions> = {}) =>
    entra.appCredentials({ tenantId: TENANT, store, now: () => clock, ...options });
  const redeemed = () => entra.requests.map(({ form }) => form.get('refresh_token'));

  beforeEach(async () => {
    entra = await startFakeEntra({ clientId: CLIENT_ID, clientSecret: SECRET, refreshToken: CONSENTED, delayMs: 20 });
    store = new InMemoryRefreshTokenStore();
    clock = Date.parse('2026-11-27T10:00:00Z');
  });
  afterEach(() => entra.close());

  it('redeems the consented refresh token at the tenant token endpoint, for Partner Center', async () => {
    const subject = credentials();
    expect(subject.status()).toEqual({ state: 'unknown' });

    expect(await subject.accessToken()).toBe('access-token-1');

    expect(entra.requests).toHaveLength(1);
    const [{ tenant, form }] = entra.requests;
    expect(tenant).toBe(TENANT);
    expect(Object.fromEntries(form)).toEqual({
      client_id: CLIENT_ID,
      client_secret: SECRET,
      grant_type: 'refresh_token',
      refresh_token: CONSENTED,
      scope: 'https://api.partnercenter.microsoft.com/.default offline_access',
    });
    expect(subject.status()).toEqual({ state: 'ok', since: '2026-11-27T10:00:00.000Z' });
  });

  it('keeps the access token until 5 minutes before it expires, then renews it with the rotated refresh token', async () => {
    const subject = credentials();
    await subject.accessToken();

    clock += 3600_000 - 300_000 - 1;
    expect(await subject.accessToken()).toBe('access-token-1');
    clock += 1;
    expect(await subject.accessToken()).toBe('access-token-2');

    expect(redeemed()).toEqual([CONSENTED, 'refresh-token-1']);
  });

  it('caps the skew at half the lifetime of a short-lived token', async () => {
    await entra.close();
    entra = await startFakeEntra({ clientId: CLIENT_ID, clientSecret: SECRET, refreshToken: CONSENTED, expiresInSeconds: 4 });
    const subject = credentials();
    await subject.accessToken();

    clock += 1_999;
    expect(await subject.accessToken()).toBe('access-token-1');
    clock += 1;
    expect(await subject.accessToken()).toBe('access-token-2');
  });

  it('gives 20 concurrent callers the same token from a single renewal', async () => {
    const subject = credentials();

    const tokens = await Promise.all(Array.from({ length: 20 }, () => subject.accessToken()));

    expect(new Set(tokens)).toEqual(new Set(['access-token-1']));
    expect(entra.requests).toHaveLength(1);
  });

  it('stores the rotated refresh token, which a later process uses instead of the configured one', async () => {
    await credentials().accessToken();
    expect(store.tokens.get(`${TENANT}/${CLIENT_ID}`)).toEqual({ refreshToken: 'refresh-token-1', seedHash: sha256(CONSENTED), version: 1 });

    expect(await credentials().accessToken()).toBe('access-token-2');
    expect(redeemed()).toEqual([CONSENTED, 'refresh-token-1']);
  });

  it('reseeds from configuration when the configured refresh token changes', async () => {
    await credentials().accessToken();
    entra.refreshTokens.add('refresh-token-from-new-consent');

    await credentials({ refreshToken: 'refresh-token-from-new-consent' }).accessToken();

    expect(redeemed()).toEqual([CONSENTED, 'refresh-token-from-new-consent']);
    expect(store.tokens.get(`${TENANT}/${CLIENT_ID}`)?.seedHash).toBe(sha256('refresh-token-from-new-consent'));
  });

  it('renews after invalidate(), but not when the invalidated token was already replaced', async () => {
    const subject = credentials();
    const first = await subject.accessToken();

    subject.invalidate(first);
    const second = await subject.accessToken();
    subject.invalidate(first);

    expect(second).toBe('access-token-2');
    expect(await subject.accessToken()).toBe('access-token-2');
    expect(entra.requests).toHaveLength(2);
  });

  it('turns invalid_grant into a PartnerCenterCredentialsError, reports failing without secrets, and recovers', async () => {
    const subject = credentials();
    entra.refuseWith(INVALID_GRANT);

    const err = await failureOf(subject.accessToken());

    expect(err).toBeInstanceOf(PartnerCenterCredentialsError);
    expect(err).toMatchObject({ failure: 'renewal-refused', status: 400, error: 'invalid_grant', errorCodes: [70008] });
    expect(err.message).toContain('AADSTS70008');
    expect(isRetryable(err)).toBe(true);
    expect(subject.status()).toMatchObject({ state: 'failing', since: '2026-11-27T10:00:00.000Z', reason: err.message });
    for (const text of [err.message, JSON.stringify(subject.status())]) {
      expect(text).not.toContain(CONSENTED);
      expect(text).not.toContain(SECRET);
    }

    clock += 60_000;
    entra.refuseWith(undefined);
    expect(await subject.accessToken()).toBe('access-token-1');
    expect(subject.status()).toEqual({ state: 'ok', since: '2026-11-27T10:01:00.000Z' });
  });

  it('reports a wrong client secret as refused credentials too', async () => {
    const err = await failureOf(credentials({ credential: { clientSecret: 'wrong-secret' } }).accessToken());
    expect(err).toMatchObject({ failure: 'renewal-refused', status: 401, error: 'invalid_client' });
    expect(err.message).not.toContain('wrong-secret');
  });

  it('treats an Entra ID outage as unavailability, and keeps using a token that is due for renewal but still valid', async () => {
    const subject = credentials();
    await subject.accessToken();
    entra.refuseWith({ status: 503, error: 'temporarily_unavailable', description: 'AADSTS90033: busy', codes: [90033], headers: { 'retry-after': '5' } });

    clock += 3600_000 - 60_000;
    expect(await subject.accessToken()).toBe('access-token-1');
    expect(subject.status()).toMatchObject({ state: 'failing' });

    clock += 60_000;
    const err = await failureOf(subject.accessToken());
    expect(err).toBeInstanceOf(PartnerCenterUnavailableError);
    expect(err).toMatchObject({ status: 503, retryAfterMs: 5000 });
  });

  it('fails with refresh-token-unreadable, without the token, when the store cannot be read', async () => {
    store.get = async () => {
      throw new Error(`decryption failed for ${CONSENTED}`);
    };
    const err = await failureOf(credentials().accessToken());
    expect(err).toMatchObject({ failure: 'refresh-token-unreadable' });
    expect(err.message).toContain('decryption failed for [redacted]');
    expect(entra.requests).toHaveLength(0);
  });

  it('keeps using the rotated refresh token when storing it fails, and says so', async () => {
    const warnings: string[] = [];
    store.put = async () => {
      throw new Error('database unavailable');
    };
    const subject = credentials({ logger: { warn: (message) => warnings.push(message) } });

    await subject.accessToken();
    subject.invalidate();
    await subject.accessToken();

    expect(redeemed()).toEqual([CONSENTED, 'refresh-token-1']);
    expect(warnings).toEqual([expect.stringContaining('database unavailable'), expect.stringContaining('database unavailable')]);
  });

  it('refuses a plain-http authority that is not on loopback', () => {
    expect(() => credentials({ authorityUrl: 'http://login.example.com' })).toThrow(/must be https/);
  });
});
