import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { testDatabases } from '../testing/test-databases';
import { ApiKeyEntity } from './api-key.entity';
import { API_KEY_PATTERN, type ApiKey, ApiKeyStore, parseApiKey } from './api-key.store';

const TENANT = '0f6c6c39-4b1e-4c5e-9d6a-3a1f2b7c8d9e';
const OTHER_TENANT = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const T0 = new Date('2026-11-27T10:00:00.000Z');
const after = (ms: number) => new Date(T0.getTime() + ms);
const bridge = { name: 'ServiceNow bridge', partnerTenantIds: [TENANT.toUpperCase()], role: 'coordinator' as const, createdBy: 'Ada Admin' };
const LOCAL_KEY = `esk_0123456789ab_${Buffer.alloc(32, 7).toString('base64url')}`;
const LOCAL_ID = '00000000-0000-4000-8000-000000000001';
/** The parts of a key known to be well formed. */
function partsOf(key: string): { prefix: string; secret: string } {
  const parts = parseApiKey(key);
  if (!parts) throw new Error(`${key} is not an API key`);
  return parts;
}
function defined<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value');
  return value;
}
const local = { id: LOCAL_ID, key: LOCAL_KEY, name: 'Local admin', partnerTenantIds: '*' as const, role: 'admin' as const, createdBy: 'local mode' };

describe('parseApiKey', () => {
  it('takes esk_<12 hex>_<43 base64url> only', () => {
    expect(parseApiKey(LOCAL_KEY)).toEqual({ prefix: '0123456789ab', secret: Buffer.alloc(32, 7).toString('base64url') });
    expect(parseApiKey(`esk_0123456789ab_${'_-'.repeat(21)}a`)).toEqual({ prefix: '0123456789ab', secret: `${'_-'.repeat(21)}a` });
    for (const malformed of ['', 'esk_', LOCAL_KEY.slice(0, -1), `${LOCAL_KEY}x`, LOCAL_KEY.replace('esk_', 'esk-'), LOCAL_KEY.replace('0123', '0G23'), ` ${LOCAL_KEY}`, `Bearer ${LOCAL_KEY}`]) {
      expect(parseApiKey(malformed)).toBeUndefined();
      expect(API_KEY_PATTERN.test(malformed)).toBe(false);
    }
    expect(parseApiKey(undefined)).toBeUndefined();
  });
});

describe.each(testDatabases())('ApiKeyStore on $name', (database) => {
  let dataSource: DataSource;
  let now: Date;
  let store: ApiKeyStore;
  const rawRows = (): Promise<Array<Record<string, unknown>>> => dataSource.query('SELECT * FROM api_keys');

  beforeAll(async () => (dataSource = await database.open()));
  afterAll(() => database.close(dataSource));
  beforeEach(() => {
    now = T0;
    store = new ApiKeyStore(dataSource, () => now);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await dataSource.query('DELETE FROM api_keys');
  });

  it('creates a key that authenticates, returning its record', async () => {
    const { key, apiKey } = await store.create(bridge);

    expect(key).toMatch(API_KEY_PATTERN);
    expect(apiKey).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      name: 'ServiceNow bridge',
      prefix: partsOf(key).prefix,
      partnerTenantIds: [TENANT],
      role: 'coordinator',
      createdAt: T0.toISOString(),
      createdBy: 'Ada Admin',
      lastUsedAt: null,
      revokedAt: null,
    });
    now = after(1_000);
    expect(await store.authenticate(key)).toEqual({ ...apiKey, lastUsedAt: after(1_000).toISOString() });
    expect(await store.get(apiKey.id)).toEqual({ ...apiKey, lastUsedAt: after(1_000).toISOString() });
    expect(await store.get('00000000-0000-4000-8000-00000000dead')).toBeUndefined();
  });

  it('refuses a wrong secret behind a right prefix, and leaves the key unused', async () => {
    const { key, apiKey } = await store.create(bridge);
    const { prefix, secret } = partsOf(key);
    const otherSecret = (secret[0] === 'A' ? 'B' : 'A') + secret.slice(1);

    expect(await store.authenticate(`esk_${prefix}_${otherSecret}`)).toBeUndefined();
    expect(await store.authenticate(`esk_${'f'.repeat(12)}_${secret}`)).toBeUndefined();
    expect(defined(await store.get(apiKey.id)).lastUsedAt).toBeNull();
  });

  it('refuses a malformed key without a query', async () => {
    const { key } = await store.create(bridge);
    const findOneBy = jest.spyOn(dataSource.getRepository(ApiKeyEntity), 'findOneBy');

    for (const malformed of ['', 'esk_', key.slice(0, -1), `${key}A`, key.toUpperCase(), `Bearer ${key}`, key.replace(/^esk_/, 'sk_')]) {
      expect(await store.authenticate(malformed)).toBeUndefined();
    }
    expect(findOneBy).not.toHaveBeenCalled();
    expect(await store.authenticate(key)).toBeDefined();
    expect(findOneBy).toHaveBeenCalledTimes(1);
  });

  it('refuses a revoked key; revoking again keeps the first time, and an unknown id is nothing to revoke', async () => {
    const { key, apiKey } = await store.create(bridge);
    now = after(5_000);
    const revoked = await store.revoke(apiKey.id);
    now = after(9_000);

    expect(revoked).toEqual({ ...apiKey, revokedAt: after(5_000).toISOString() });
    expect(await store.revoke(apiKey.id)).toEqual(revoked);
    expect(await store.authenticate(key)).toBeUndefined();
    expect(await store.get(apiKey.id)).toEqual(revoked);
    expect(await store.revoke('00000000-0000-4000-8000-00000000dead')).toBeUndefined();
  });

  it('records the last use at most once a minute', async () => {
    const { key, apiKey } = await store.create(bridge);
    const lastUsed = async () => defined(await store.get(apiKey.id)).lastUsedAt;

    expect(defined(await store.authenticate(key)).lastUsedAt).toBe(T0.toISOString());
    now = after(30_000);
    expect(defined(await store.authenticate(key)).lastUsedAt).toBe(T0.toISOString());
    now = after(60_000);
    expect(defined(await store.authenticate(key)).lastUsedAt).toBe(T0.toISOString());
    expect(await lastUsed()).toBe(T0.toISOString());

    now = after(60_001);
    expect(defined(await store.authenticate(key)).lastUsedAt).toBe(after(60_001).toISOString());
    expect(await lastUsed()).toBe(after(60_001).toISOString());

    now = after(200_000);
    await Promise.all([store.authenticate(key), store.authenticate(key), store.authenticate(key)]);
    expect(await lastUsed()).toBe(after(200_000).toISOString());
  });

  it('lists every key newest first, revoked ones included, never a hash or a secret', async () => {
    const first = await store.create({ ...bridge, name: 'first' });
    now = after(1_000);
    const second = await store.create({ ...bridge, name: 'second', partnerTenantIds: '*', role: 'viewer' });
    now = after(2_000);
    await store.revoke(first.apiKey.id);

    const listed = await store.list();
    expect(listed.map((k) => k.name)).toEqual(['second', 'first']);
    expect(listed[0]).toEqual(second.apiKey);
    expect(listed[0].partnerTenantIds).toBe('*');
    expect(listed[1]).toEqual({ ...first.apiKey, revokedAt: after(2_000).toISOString() });

    const fields: Array<keyof ApiKey> = ['id', 'name', 'prefix', 'partnerTenantIds', 'role', 'createdAt', 'createdBy', 'lastUsedAt', 'revokedAt'];
    for (const apiKey of listed) expect(Object.keys(apiKey).sort()).toEqual([...fields].sort());
    const json = JSON.stringify(listed);
    for (const { key } of [first, second]) {
      expect(json).not.toContain(key);
      expect(json).not.toContain(partsOf(key).secret);
      expect(json).not.toContain(createHash('sha256').update(key).digest('hex'));
    }
  });

  it('stores the SHA-256 of the key, and the key in no column', async () => {
    const { key, apiKey } = await store.create(bridge);
    await store.authenticate(key);

    const rows = await rawRows();
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ id: apiKey.id, prefix: apiKey.prefix, partner_tenant_ids: JSON.stringify([TENANT]), role: 'coordinator' });
    expect(row.hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(row.hash).not.toBe(key);
    const { secret } = partsOf(key);
    for (const [column, value] of Object.entries(row)) {
      expect([column, String(value).includes(key)]).toEqual([column, false]);
      expect([column, String(value).includes(secret)]).toEqual([column, false]);
    }
  });

  it('gives each key its own prefix and secret', async () => {
    const created = await Promise.all(Array.from({ length: 10 }, (_, i) => store.create({ ...bridge, name: `key ${i}` })));
    expect(new Set(created.map(({ apiKey }) => apiKey.prefix)).size).toBe(10);
    expect(new Set(created.map(({ key }) => partsOf(key).secret)).size).toBe(10);
    expect(new Set(created.map(({ apiKey }) => apiKey.id)).size).toBe(10);
  });

  it('ensures a given key under a given id once, racing ensures included, and it authenticates', async () => {
    const ensured = await Promise.all([store.ensure(local), store.ensure(local), store.ensure(local)]);
    now = after(1_000);
    const again = await store.ensure({ ...local, name: 'Renamed', role: 'viewer' });

    const expected: ApiKey = { id: LOCAL_ID, name: 'Local admin', prefix: '0123456789ab', partnerTenantIds: '*', role: 'admin', createdAt: T0.toISOString(), createdBy: 'local mode', lastUsedAt: null, revokedAt: null };
    for (const apiKey of [...ensured, again]) expect(apiKey).toEqual(expected);
    expect(await rawRows()).toHaveLength(1);
    expect(await store.authenticate(LOCAL_KEY)).toEqual({ ...expected, lastUsedAt: after(1_000).toISOString() });
  });

  it('keeps a revoked ensured key revoked, and refuses a malformed key or a prefix that is another id', async () => {
    await store.ensure(local);
    await store.revoke(LOCAL_ID);
    expect((await store.ensure(local)).revokedAt).toBe(T0.toISOString());
    expect(await store.authenticate(LOCAL_KEY)).toBeUndefined();

    await expect(store.ensure({ ...local, id: '00000000-0000-4000-8000-000000000002', key: 'not-a-key' })).rejects.toThrow('not in the esk_<prefix>_<secret> format');
    await expect(store.ensure({ ...local, id: '00000000-0000-4000-8000-000000000002' })).rejects.toThrow('its prefix 0123456789ab belongs to another key');
  });

  it('refuses a partner tenant that is not a GUID, a name too long, or an unknown role', async () => {
    await expect(store.create({ ...bridge, partnerTenantIds: [TENANT, 'contoso.onmicrosoft.com'] })).rejects.toThrow('must be GUIDs');
    await expect(store.create({ ...bridge, partnerTenantIds: ['*'] })).rejects.toThrow('must be GUIDs');
    await expect(store.create({ ...bridge, name: 'x'.repeat(101) })).rejects.toThrow('1 to 100 characters');
    await expect(store.create({ ...bridge, role: 'root' as never })).rejects.toThrow('must be one of viewer, coordinator, admin');
    expect(await rawRows()).toHaveLength(0);

    const { apiKey } = await store.create({ ...bridge, partnerTenantIds: [OTHER_TENANT.toUpperCase(), TENANT, OTHER_TENANT] });
    expect(apiKey.partnerTenantIds).toEqual([OTHER_TENANT, TENANT]);
  });
});
