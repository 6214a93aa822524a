import type { DataSource } from 'typeorm';
import { EventStore } from './event-store';
import { anEvent } from './testing/fixtures';
import { eventStoreTestDatabases } from './testing/event-store-test-databases';
import type { RecordedEvent } from './types';

describe.each(eventStoreTestDatabases())('EventStore readAll on $name', (database) => {
  let dataSource: DataSource;
  let store: EventStore;
  const appended: string[] = [];

  beforeAll(async () => {
    dataSource = await database.open();
    store = new EventStore(dataSource);
    // 3 streams written in turns, 1 to 4 events per append: 30 events in all.
    for (let turn = 0; turn < 5; turn++) {
      for (const [s, size] of [['a', 1], ['b', 4], ['c', 1]] as const) {
        const batch = Array.from({ length: size }, (_, i) => anEvent(`${s}-${turn}-${i}`));
        await store.appendToStream(`stream-${s}`, batch);
        appended.push(...batch.map((e) => e.eventId));
      }
    }
  });
  afterAll(() => database.close(dataSource));

  it('given events in several streams, when read from the start, then they come in the order they were appended with ascending positions', async () => {
    const events = await store.readAll();

    expect(events.map((e) => e.eventId)).toEqual(appended);
    for (let i = 1; i < events.length; i++) expect(events[i].globalPosition).toBeGreaterThan(events[i - 1].globalPosition);
    expect(events.find((e) => e.eventId === 'b-2-3')).toMatchObject({ streamId: 'stream-b', streamVersion: 12 });
  });

  it.each([1, 7, 29, 30, 1000])('given 30 events, when paged with limit %p after the last position read, then every event is visited exactly once', async (limit) => {
    const visited: RecordedEvent[] = [];
    let after = 0;
    for (;;) {
      const page = await store.readAll({ after, limit });
      expect(page.length).toBeLessThanOrEqual(limit);
      if (page.length === 0) break;
      visited.push(...page);
      after = page[page.length - 1].globalPosition;
    }

    expect(visited.map((e) => e.eventId)).toEqual(appended);
  });

  it('given events, when the head is asked for, then it is the last global position (0 for an empty store)', async () => {
    const all = await store.readAll();
    expect(await store.headPosition()).toBe(all[all.length - 1].globalPosition);
    const empty = await database.open();
    try {
      expect(await new EventStore(empty).headPosition()).toBe(0);
    } finally {
      await database.close(empty);
    }
  });

  it('given a checkpoint, when read after it, then only later events come back; after the last one, none', async () => {
    const all = await store.readAll();

    expect((await store.readAll({ after: all[9].globalPosition, limit: 3 })).map((e) => e.eventId)).toEqual(appended.slice(10, 13));
    expect(await store.readAll({ after: all[all.length - 1].globalPosition })).toEqual([]);
  });

  it('given more events than the default limit, when readAll is called without a limit, then 1,000 come back', async () => {
    await store.appendToStream('stream-bulk', Array.from({ length: 1_100 }, (_, i) => anEvent(`bulk-${i}`)));

    const page = await store.readAll();

    expect(page).toHaveLength(1_000);
    expect((await store.readStream('stream-bulk')).map((e) => e.streamVersion)).toEqual(Array.from({ length: 1_100 }, (_, i) => i + 1));
    expect(await store.readAll({ limit: 10_000 })).toHaveLength(30 + 1_100);
  });
});
