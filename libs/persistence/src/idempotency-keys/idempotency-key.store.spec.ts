import type { DataSource } from 'typeorm';
import { testDatabases } from '../testing/test-databases';
import { IdempotencyKeyStore } from './idempotency-key.store';

describe.each(testDatabases())('IdempotencyKeyStore on $name', (database) => {
  let dataSource: DataSource;
  let store: IdempotencyKeyStore;
  const claim = (key: string, fingerprint: string) => store.claim({ key, fingerprint, workflowId: `service-request-${key}` });

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
      key: 'INC-1',
      fingerprint: 'a'.repeat(64),
      workflowId: 'service-request-INC-1',
      claimedAt: '2026-11-27T10:00:00.000Z',
      startedAt: null,
    });
    expect(again).toEqual(first);
  });

  it('settles racing claims on one of them, and marks the key started once', async () => {
    const claims = await Promise.all(['a', 'b', 'c'].map((f) => claim('INC-2', f.repeat(64))));
    expect(new Set(claims.map((c) => c.fingerprint)).size).toBe(1);

    await store.markStarted('INC-2');
    expect((await claim('INC-2', 'a'.repeat(64))).startedAt).toBe('2026-11-27T10:00:00.000Z');
  });
});
