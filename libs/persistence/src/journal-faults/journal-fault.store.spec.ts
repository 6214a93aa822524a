import type { DataSource } from 'typeorm';
import { testDatabases } from '../testing/test-databases';
import { JournalFaultStore } from './journal-fault.store';

describe.each(testDatabases())('JournalFaultStore on $name', (database) => {
  let dataSource: DataSource;
  let store: JournalFaultStore;
  let now: Date;

  beforeAll(async () => {
    dataSource = await database.open();
    store = new JournalFaultStore(dataSource, () => now);
  });
  beforeEach(() => (now = new Date('2026-11-27T10:00:00.000Z')));
  afterAll(() => database.close(dataSource));
  afterEach(() => dataSource.query('DELETE FROM journal_faults'));

  it('keeps one fault per stream, the latest, and counts the streams', async () => {
    await store.record({ streamId: 'ticket-INC-1', workflowId: 'service-request-INC-1', reason: 'first' });
    now = new Date('2026-11-27T10:05:00.000Z');
    await store.record({ streamId: 'ticket-INC-1', workflowId: 'service-request-INC-1', reason: 'second' });
    await store.record({ streamId: 'ticket-INC-2', workflowId: 'service-request-INC-2', reason: 'x'.repeat(2_000) });

    expect(await store.count()).toBe(2);
    const [first, second] = await store.list();
    expect(first).toEqual({ streamId: 'ticket-INC-1', workflowId: 'service-request-INC-1', reason: 'second', faultedAt: '2026-11-27T10:05:00.000Z' });
    expect(second.reason).toHaveLength(1000);
  });
});
