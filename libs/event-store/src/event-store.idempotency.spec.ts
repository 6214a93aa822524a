import type { DataSource } from 'typeorm';
import { EventIdReuseError } from './errors';
import { EventStore } from './event-store';
import { aStreamId, anEvent } from './testing/fixtures';
import { eventStoreTestDatabases } from './testing/event-store-test-databases';

describe.each(eventStoreTestDatabases())('EventStore event ids on $name', (database) => {
  let dataSource: DataSource;
  let store: EventStore;

  beforeAll(async () => {
    dataSource = await database.open();
    store = new EventStore(dataSource);
  });
  afterAll(() => database.close(dataSource));

  const countRows = async () => (await store.readAll({ limit: 10_000 })).length;

  it('given a stored batch, when the same batch is appended again with the same expected version, then it is a no-op returning the stream state', async () => {
    const streamId = aStreamId();
    const batch = [anEvent(`${streamId}-1`), anEvent(`${streamId}-2`)];
    const first = await store.appendToStream(streamId, batch, { expectedStreamVersion: 'no-stream' });
    const rows = await countRows();

    const retry = await store.appendToStream(streamId, batch, { expectedStreamVersion: 'no-stream' });

    expect(retry).toEqual({ nextExpectedStreamVersion: 2, lastGlobalPosition: first.lastGlobalPosition, appended: 0 });
    expect(await countRows()).toBe(rows);
    expect((await store.readStream(streamId)).map((e) => e.eventId)).toEqual([`${streamId}-1`, `${streamId}-2`]);
  });

  it('given a stored batch and a later one, when the first is retried with its stale expected version, then nothing is stored and the current state comes back', async () => {
    const streamId = aStreamId();
    const batch = [anEvent(`${streamId}-1`), anEvent(`${streamId}-2`)];
    await store.appendToStream(streamId, batch, { expectedStreamVersion: 0 });
    const later = await store.appendToStream(streamId, [anEvent(`${streamId}-3`)], { expectedStreamVersion: 2 });

    const retry = await store.appendToStream(streamId, batch, { expectedStreamVersion: 0 });

    expect(retry).toEqual({ nextExpectedStreamVersion: 3, lastGlobalPosition: later.lastGlobalPosition, appended: 0 });
    expect(await store.streamVersion(streamId)).toBe(3);
  });

  it('given a stored batch, when a part of it is retried alone, then that is a no-op too (every id of that batch is stored)', async () => {
    const streamId = aStreamId();
    await store.appendToStream(streamId, [anEvent(`${streamId}-1`), anEvent(`${streamId}-2`)]);

    const retry = await store.appendToStream(streamId, [anEvent(`${streamId}-2`)], { expectedStreamVersion: 1 });

    expect(retry).toMatchObject({ nextExpectedStreamVersion: 2, appended: 0 });
  });

  it('given a stored event, when a batch mixes its id with new ones, then EventIdReuseError and nothing is stored', async () => {
    const streamId = aStreamId();
    await store.appendToStream(streamId, [anEvent(`${streamId}-1`)]);
    const rows = await countRows();

    const error = await store.appendToStream(streamId, [anEvent(`${streamId}-1`), anEvent(`${streamId}-2`)]).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(EventIdReuseError);
    expect(error).toMatchObject({ name: 'EventIdReuseError', streamId, eventIds: [`${streamId}-1`] });
    expect(await countRows()).toBe(rows);
    expect(await store.streamVersion(streamId)).toBe(1);
  });

  it('given an event stored in one stream, when its id is appended to another stream, then EventIdReuseError and the other stream stays empty', async () => {
    const streamId = aStreamId();
    const other = aStreamId();
    await store.appendToStream(streamId, [anEvent(`${streamId}-1`)]);

    const error = await store.appendToStream(other, [anEvent(`${streamId}-1`)]).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(EventIdReuseError);
    expect(error).toMatchObject({ streamId: other, eventIds: [`${streamId}-1`] });
    expect(await store.readStream(other)).toEqual([]);
  });

  it('given an event stored with one type, when its id is retried with another type, then EventIdReuseError', async () => {
    const streamId = aStreamId();
    await store.appendToStream(streamId, [anEvent(`${streamId}-1`, 'Opened')]);

    await expect(store.appendToStream(streamId, [anEvent(`${streamId}-1`, 'Closed')])).rejects.toBeInstanceOf(EventIdReuseError);
    expect((await store.readStream(streamId)).map((e) => e.type)).toEqual(['Opened']);
  });

  it('given an event stored with some data, when its id is retried with other data, then EventIdReuseError and the first data stays', async () => {
    const streamId = aStreamId();
    await store.appendToStream(streamId, [{ eventId: `${streamId}-1`, type: 'Opened', data: { severity: 'A', title: 't' } }]);

    const retried = await store.appendToStream(streamId, [{ eventId: `${streamId}-1`, type: 'Opened', data: { title: 't', severity: 'A' } }]);
    const error = await store
      .appendToStream(streamId, [{ eventId: `${streamId}-1`, type: 'Opened', data: { severity: 'B', title: 't' } }])
      .catch((e: unknown) => e);

    expect(retried.appended).toBe(0);
    expect(error).toBeInstanceOf(EventIdReuseError);
    expect((await store.readStream(streamId)).map((e) => e.data)).toEqual([{ severity: 'A', title: 't' }]);
  });

  it('given five writers retrying the same batch at once, when they race, then it is stored once and every writer succeeds', async () => {
    const streamId = aStreamId();
    const batch = [anEvent(`${streamId}-1`), anEvent(`${streamId}-2`), anEvent(`${streamId}-3`)];
    const peers = await Promise.all([1, 2].map(() => database.openPeer(dataSource)));
    try {
      const stores = [store, ...peers.map((peer) => new EventStore(peer))];

      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) => stores[i % stores.length].appendToStream(streamId, batch, { expectedStreamVersion: 0 })),
      );

      expect(results.map((r) => r.appended).sort()).toEqual([0, 0, 0, 0, 3]);
      expect(results.every((r) => r.nextExpectedStreamVersion === 3)).toBe(true);
      expect((await store.readStream(streamId)).map((e) => e.eventId)).toEqual(batch.map((e) => e.eventId));
    } finally {
      await Promise.all(peers.map((peer) => peer.destroy()));
    }
  });
});
