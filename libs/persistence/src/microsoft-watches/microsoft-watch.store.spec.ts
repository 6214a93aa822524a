import type { DataSource } from 'typeorm';
import { testDatabases } from '../testing/test-databases';
import { MicrosoftWatchStore } from './microsoft-watch.store';

describe.each(testDatabases())('MicrosoftWatchStore on $name', (database) => {
  let dataSource: DataSource;
  let store: MicrosoftWatchStore;
  let now: Date;
  const watch = (n: number) => ({ ticketId: `INC-${n}`, workflowId: `service-request-INC-${n}`, microsoftTicketId: `26112400000000${n}` });

  beforeAll(async () => {
    dataSource = await database.open();
    store = new MicrosoftWatchStore(dataSource, () => now);
  });
  beforeEach(() => (now = new Date('2026-11-24T10:00:00.000Z')));
  afterAll(() => database.close(dataSource));
  afterEach(() => dataSource.query('DELETE FROM microsoft_watches'));

  it('follows a ticket from its filed state: open, no notes', async () => {
    await store.follow(watch(1));
    expect(await store.all()).toEqual([{ ...watch(1), status: 'open', noteCount: 0, followedAt: '2026-11-24T10:00:00.000Z' }]);
  });

  it('changes nothing when a ticket already followed is followed again', async () => {
    await store.follow(watch(1));
    await store.mark(watch(1).microsoftTicketId, { status: 'attention_needed', noteCount: 2 });
    const before = await store.all();
    now = new Date('2026-11-24T11:00:00.000Z');
    await store.follow({ ...watch(1), workflowId: 'another' });
    expect(await store.all()).toEqual(before);
  });

  it('lists the watches oldest first, each with its own mark', async () => {
    await store.follow(watch(2));
    now = new Date('2026-11-24T10:00:01.000Z');
    await store.follow(watch(1));
    await store.mark(watch(1).microsoftTicketId, { status: 'open', noteCount: 1 });
    expect((await store.all()).map(({ ticketId, status, noteCount }) => [ticketId, status, noteCount])).toEqual([
      ['INC-2', 'open', 0],
      ['INC-1', 'open', 1],
    ]);
  });

  it('unfollows once, and marks nothing for a ticket no longer followed', async () => {
    await store.follow(watch(1));
    await store.follow(watch(2));
    await store.unfollow(watch(1).microsoftTicketId);
    await store.unfollow(watch(1).microsoftTicketId);
    await store.mark(watch(1).microsoftTicketId, { status: 'closed', noteCount: 3 });
    expect((await store.all()).map((w) => w.ticketId)).toEqual(['INC-2']);
  });
});
