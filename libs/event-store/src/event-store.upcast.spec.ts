import type { DataSource } from 'typeorm';
import { EventStore } from './event-store';
import { eventStoreTestDatabases } from './testing/event-store-test-databases';
import type { RecordedEvent } from './types';

/** An upcaster of the kind a reader adds: `Renamed` events stored with `old` come out with `current`. */
const renameField = (event: RecordedEvent): RecordedEvent => {
  const data = event.data as Record<string, unknown>;
  if (event.type !== 'Renamed' || !('old' in data)) return event;
  const { old, ...rest } = data;
  return { ...event, data: { ...rest, current: old } };
};

describe.each(eventStoreTestDatabases())('EventStore upcasting on $name', (database) => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await database.open();
    await new EventStore(dataSource).appendToStream('s-1', [
      { eventId: 's-1:1', type: 'Renamed', data: { old: 'v' } },
      { eventId: 's-1:2', type: 'Other', data: { old: 'kept' } },
    ]);
  });
  afterAll(() => database.close(dataSource));

  it('given events stored in an older shape, when read by stream or in global order, then they come out in the upcast shape', async () => {
    const store = new EventStore(dataSource, { upcast: renameField });

    for (const events of [await store.readStream('s-1'), await store.readAll()]) {
      expect(events.map((e) => e.data)).toEqual([{ current: 'v' }, { old: 'kept' }]);
    }
  });

  it('given an upcasting store, when a batch already stored is appended again, then it is still a retry: stored rows are compared as stored', async () => {
    const store = new EventStore(dataSource, { upcast: renameField });

    const retried = await store.appendToStream('s-1', [{ eventId: 's-1:1', type: 'Renamed', data: { old: 'v' } }]);

    expect(retried.appended).toBe(0);
    expect((await new EventStore(dataSource).readStream('s-1'))[0].data).toEqual({ old: 'v' });
  });
});
