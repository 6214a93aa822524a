import type { DataSource } from 'typeorm';
import { PartnerCenterCredentials } from '@escalade/partner-center';
import { INVALID_GRANT, startFakeEntra, type FakeEntra } from '../../../partner-center/src/credentials/testing/fake-entra';
import { testDatabases } from '../testing/test-databases';
import { CredentialCipher } from './credential-cipher';
import { PartnerCenterCredentialStore } from './partner-center-credential.store';

const KEY = Buffer.alloc(32, 9).toString('base64');
const CONSENTED = 'refresh-token-from-consent';
const SEED = 'a'.repeat(64);

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await condition()); waited += 10) {
    if (waited > 2_000) throw new Error('the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(testDatabases())('PartnerCenterCredentialStore on $name', (database) => {
  let dataSource: DataSource;
  let entra: FakeEntra;
  const storeWith = (key = KEY) => new PartnerCenterCredentialStore(dataSource, new CredentialCipher(key), () => new Date('2026-11-27T10:00:00.000Z'));
  const credentials = (store: PartnerCenterCredentialStore) =>
    new PartnerCenterCredentials({
      authorityUrl: entra.authorityUrl,
      tenantId: 'partner-tenant',
      clientId: 'escalade-app',
      credential: { clientSecret: 'app-secret' },
      refreshToken: CONSENTED,
      store,
    });

  beforeAll(async () => (dataSource = await database.open()));
  afterAll(() => database.close(dataSource));
  beforeEach(async () => (entra = await startFakeEntra({ clientId: 'escalade-app', clientSecret: 'app-secret', refreshToken: CONSENTED })));
  afterEach(async () => {
    await entra.close();
    await dataSource.query('DELETE FROM partner_center_credentials');
    await dataSource.query('DELETE FROM partner_center_credential_status');
  });

  it('keeps the rotated refresh token encrypted, and the next process redeems it', async () => {
    await credentials(storeWith()).accessToken();

    const rows: Array<Record<string, string>> = await dataSource.query('SELECT * FROM partner_center_credentials');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: 'partner-tenant/escalade-app', encryption_key_id: new CredentialCipher(KEY).keyId, updated_at: '2026-11-27T10:00:00.000Z' });
    expect(JSON.stringify(rows)).not.toContain('refresh-token-1');
    expect(await storeWith().get('partner-tenant/escalade-app')).toMatchObject({ refreshToken: 'refresh-token-1' });

    expect(await credentials(storeWith()).accessToken()).toBe('access-token-2');
    expect(entra.requests.map(({ form }) => form.get('refresh_token'))).toEqual([CONSENTED, 'refresh-token-1']);
  });

  it('writes a token only over the version its writer read, and has nothing for an unknown key', async () => {
    const store = storeWith();
    expect(await store.put('t/a', { refreshToken: 'first', seedHash: SEED }, 0)).toBe(true);
    expect(await store.put('t/a', { refreshToken: 'second', seedHash: SEED }, 1)).toBe(true);

    expect(await store.put('t/a', { refreshToken: 'lost-race', seedHash: SEED }, 1)).toBe(false);
    expect(await store.put('t/a', { refreshToken: 'lost-race', seedHash: SEED }, 0)).toBe(false);
    expect(await store.get('t/a')).toEqual({ refreshToken: 'second', seedHash: SEED, version: 2 });
    expect(await store.get('t/b')).toBeUndefined();
  });

  it('replaces the token over any version, keeping the stored seed, or seeding a first row', async () => {
    const store = storeWith();
    await store.put('t/a', { refreshToken: 'rotated', seedHash: SEED }, 0);

    expect(await store.replace('t/a', 'from-new-consent', 'b'.repeat(64))).toBe('2026-11-27T10:00:00.000Z');
    expect(await store.get('t/a')).toEqual({ refreshToken: 'from-new-consent', seedHash: SEED, version: 2 });

    await store.replace('t/b', 'first-of-b', 'b'.repeat(64));
    expect(await store.get('t/b')).toEqual({ refreshToken: 'first-of-b', seedHash: 'b'.repeat(64), version: 1 });
  });

  it('replaces a token sealed with a lost key, which nothing can read any more', async () => {
    await storeWith(Buffer.alloc(32, 3).toString('base64')).put('t/a', { refreshToken: 'sealed-elsewhere', seedHash: SEED }, 0);
    await storeWith().replace('t/a', 'from-new-consent', SEED);
    expect(await storeWith().get('t/a')).toMatchObject({ refreshToken: 'from-new-consent', version: 2 });
  });

  it('keeps the last status written for each key, its reason bounded, with when it was written', async () => {
    const store = storeWith();
    expect(await store.status('t/a')).toBeUndefined();

    await store.recordStatus('t/a', { state: 'failing', since: '2026-11-27T09:00:00.000Z', reason: 'x'.repeat(5_000) });
    expect(await store.status('t/a')).toEqual({ state: 'failing', since: '2026-11-27T09:00:00.000Z', reason: 'x'.repeat(1_000), updatedAt: '2026-11-27T10:00:00.000Z' });
    await store.recordStatus('t/a', { state: 'ok', since: '2026-11-27T09:30:00.000Z' });
    expect(await store.status('t/a')).toEqual({ state: 'ok', since: '2026-11-27T09:30:00.000Z', updatedAt: '2026-11-27T10:00:00.000Z' });
  });

  it('shows the worker failing and recovering to the API, through the table', async () => {
    const store = storeWith();
    const worker = credentials(store);
    entra.refuseWith(INVALID_GRANT);
    await expect(worker.accessToken()).rejects.toThrow('invalid_grant');
    await until(async () => (await store.status('partner-tenant/escalade-app'))?.state === 'failing');

    entra.refuseWith(undefined);
    await worker.accessToken();
    await until(async () => (await store.status('partner-tenant/escalade-app'))?.state === 'ok');
    expect(JSON.stringify(await dataSource.query('SELECT * FROM partner_center_credential_status'))).not.toContain('refresh-token');
  });

  it('refuses to read a row sealed with another key, or altered', async () => {
    await storeWith().put('t/a', { refreshToken: 'secret-token', seedHash: SEED }, 0);
    await expect(storeWith(Buffer.alloc(32, 3).toString('base64')).get('t/a')).rejects.toThrow(/encrypted with key/);

    await dataSource.query(`UPDATE partner_center_credentials SET refresh_token_ciphertext = 'AAAAAAAAAAAA'`);
    await expect(storeWith().get('t/a')).rejects.toThrow('fails its integrity check');
  });
});
