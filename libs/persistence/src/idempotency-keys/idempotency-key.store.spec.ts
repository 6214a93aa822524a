import type { DataSource } from 'typeorm';
import { testDatabases } from '../testing/test-databases';
import { IdempotencyKeyStore } from './idempotency-key.store';

const FABRIKAM = '22222222-2222-2222-2222-222222222222';
const NORTHWIND = '33333333-3333-3333-3333-333333333333';

describe.each(testDatabases())('IdempotencyKeyStore on $name', (database) => {
  let dataSource: DataSource;
  let store: IdempotencyKeyStore;
  const claim = (key: string, fingerprint: string, partnerTenantId = FABRIKAM) =>
    store.claim({ partnerTenantId, key, fingerprint, workflowId: `service-request-${partnerTenantId}~${key}` });

  beforeAll(async () => {
    dataSource = await database.open();
    store = new IdempotencyKeyStore(dataSource, () => new Date('2026-11-27T10:00:00.000Z'));
  });
  afterAll(() => database.close(dataSource));
  afterEach(() => dataSource.query('DELETE FROM idempotency_keys'));

  it('keeps the first claim of a key: a later one, same request or not, gets the first back', async () => {
    const first = await claim('INC-1', 'a'.repeat(64));
    const again = await claim('INC-1', 'b'.repeat(64));

    expect(first).toEqual({
      partnerTenantId: FABRIKAM,
      key: 'INC-1',
      fingerprint: 'a'.repeat(64),
      workflowId: `service-request-${FABRIKAM}~INC-1`,
      claimedAt: '2026-11-27T10:00:00.000Z',
      startedAt: null,
    });
    expect(again).toEqual(first);
  });

  it('settles racing claims on one of them, and marks the key started once', async () => {
    const claims = await Promise.all(['a', 'b', 'c'].map((f) => claim('INC-2', f.repeat(64))));
    expect(new Set(claims.map((c) => c.fingerprint)).size).toBe(1);

    await store.markStarted({ partnerTenantId: FABRIKAM, key: 'INC-2' });
    expect((await claim('INC-2', 'a'.repeat(64))).startedAt).toBe('2026-11-27T10:00:00.000Z');
  });

  it('lets two partners use the same key, and finds a key among the given partners only', async () => {
    const fabrikam = await claim('INC-3', 'a'.repeat(64), FABRIKAM);
    const northwind = await claim('INC-3', 'b'.repeat(64), NORTHWIND);
    expect(northwind.fingerprint).toBe('b'.repeat(64));

    expect(await store.find('INC-3', [FABRIKAM])).toEqual([fabrikam]);
    expect(await store.find('INC-3', [NORTHWIND])).toEqual([northwind]);
    expect(await store.find('INC-3', 'all')).toEqual([fabrikam, northwind]);
    expect(await store.find('INC-3', [])).toEqual([]);
    expect(await store.find('INC-4', 'all')).toEqual([]);
  });
});
