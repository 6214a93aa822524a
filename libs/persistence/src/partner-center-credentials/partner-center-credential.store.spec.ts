import type { DataSource } from 'typeorm';
import { INVALID_GRANT, startFakeEntra, type FakeEntra } from '@escalade/partner-center/testing';
import { KeyRing } from '@escalade/secrets';
import { testDatabases } from '../testing/test-databases';
import { PartnerCenterCredentialStore } from './partner-center-credential.store';

const KEY = Buffer.alloc(32, 9);
const OTHER_KEY = Buffer.alloc(32, 3);
/** A row sealed by the CredentialCipher that came before the key ring, under CREDENTIALS_ENCRYPTION_KEY = FORMER_KEY. */
const FORMER_KEY = Buffer.alloc(32, 7);
const SEALED_BEFORE = {
  id: 'partner-tenant/escalade-app',
  refreshToken: 'refresh-token-sealed-before-the-key-ring',
  sealed: { ciphertext: 'tEsVSL+gcNERppvBjEyuVaURlaCv79gHnltvUbaQacgXCjiwNjZpWQ==', iv: 'MjVHp6BxcRxSPPLf', authTag: 'Ostb/vA0ZHvEhBtuNT0mRA==', keyId: 'cd07ca4a1b690f8e' },
};
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
  const storeWith = (keyRing = new KeyRing(KEY)) => new PartnerCenterCredentialStore(dataSource, keyRing, () => new Date('2026-11-27T10:00:00.000Z'));
  const credentials = (store: PartnerCenterCredentialStore) => entra.appCredentials({ store });

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
    expect(rows[0]).toMatchObject({ id: 'partner-tenant/escalade-app', encryption_key_id: new KeyRing(KEY).currentKeyId, updated_at: '2026-11-27T10:00:00.000Z' });
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
    await storeWith(new KeyRing(OTHER_KEY)).put('t/a', { refreshToken: 'sealed-elsewhere', seedHash: SEED }, 0);
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
    await expect(storeWith(new KeyRing(OTHER_KEY)).get('t/a')).rejects.toThrow(/encrypted with key/);

    await dataSource.query(`UPDATE partner_center_credentials SET refresh_token_ciphertext = 'AAAAAAAAAAAA'`);
    await expect(storeWith().get('t/a')).rejects.toThrow('fails its integrity check');
  });

  it('opens a token sealed before the key ring, under the former CREDENTIALS_ENCRYPTION_KEY kept as a previous key', async () => {
    const { id, refreshToken, sealed } = SEALED_BEFORE;
    await dataSource.query(
      ...dataSource.driver.escapeQueryWithParameters(
        `INSERT INTO partner_center_credentials (id, refresh_token_ciphertext, refresh_token_iv, refresh_token_auth_tag, encryption_key_id, seed_hash, version, updated_at)
         VALUES (:id, :ciphertext, :iv, :authTag, :keyId, :seed, 3, '2026-11-20T10:00:00.000Z')`,
        { id, ...sealed, seed: SEED },
        {},
      ),
    );

    expect(await storeWith(new KeyRing(FORMER_KEY)).get(id)).toEqual({ refreshToken, seedHash: SEED, version: 3 });
    const rotated = storeWith(new KeyRing(KEY, [FORMER_KEY]));
    expect(await rotated.get(id)).toEqual({ refreshToken, seedHash: SEED, version: 3 });

    expect(await rotated.resealStale()).toEqual({ sealed: 1, resealed: 1 });
    expect(await rotated.resealStale()).toEqual({ sealed: 1, resealed: 0 });
    expect(await storeWith(new KeyRing(KEY)).get(id)).toEqual({ refreshToken, seedHash: SEED, version: 3 });
    const [row] = await dataSource.query('SELECT encryption_key_id, updated_at FROM partner_center_credentials');
    expect(row).toEqual({ encryption_key_id: new KeyRing(KEY).currentKeyId, updated_at: '2026-11-20T10:00:00.000Z' });
  });
});
