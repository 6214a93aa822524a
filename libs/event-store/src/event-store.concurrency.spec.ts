import type { DataSource } from 'typeorm';
import { StreamVersionConflictError } from './errors';
import { EventStore } from './event-store';
import { aStreamId, anEvent } from './testing/fixtures';
import { eventStoreTestDatabases } from './testing/event-store-test-databases';
import type { AppendResult, RecordedEvent } from './types';

jest.setTimeout(60_000);

const WRITERS = 10;

/**
 * Writers on three data sources: on PostgreSQL each has a pool of 10 connections, so the appends really run at
 * the same time on different connections; on SQLite each has its own connection to the same file.
 */
describe.each(eventStoreTestDatabases())('EventStore under concurrent appends on $name', (database) => {
  let dataSource: DataSource;
  let peers: DataSource[];
  let stores: EventStore[];

  beforeAll(async () => {
    dataSource = await database.open();
    peers = await Promise.all([1, 2].map(() => database.openPeer(dataSource)));
    stores = [dataSource, ...peers].map((source) => new EventStore(source));
  });
  afterAll(async () => {
    await Promise.all(peers.map((peer) => peer.destroy()));
    await database.close(dataSource);
  });

  const writer = (i: number) => stores[i % stores.length];

  it(`given ${WRITERS} writers expecting the same version, when they race round after round, then exactly one wins each round, the others get StreamVersionConflictError, and the stream has no gaps`, async () => {
    const streamId = aStreamId('race');
    const rounds = 5;

    for (let round = 0; round < rounds; round++) {
      const expected = round * 2;
      const outcomes = await Promise.allSettled(
        Array.from({ length: WRITERS }, (_, w) =>
          writer(w).appendToStream(streamId, [anEvent(`${streamId}-r${round}-w${w}-a`), anEvent(`${streamId}-r${round}-w${w}-b`)], {
            expectedStreamVersion: expected,
          }),
        ),
      );

      const won = outcomes.filter((o): o is PromiseFulfilledResult<AppendResult> => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(won[0].value).toMatchObject({ nextExpectedStreamVersion: expected + 2, appended: 2 });
      expect(lost).toHaveLength(WRITERS - 1);
      for (const { reason } of lost) {
        expect(reason).toBeInstanceOf(StreamVersionConflictError);
        expect(reason).toMatchObject({ streamId, expected, actual: expected + 2 });
      }
    }

    const events = await stores[0].readStream(streamId);
    expect(events.map((e) => e.streamVersion)).toEqual(Array.from({ length: rounds * 2 }, (_, i) => i + 1));
    for (let round = 0; round < rounds; round++) {
      const [a, b] = events.slice(round * 2, round * 2 + 2).map((e) => e.eventId);
      expect(a).toMatch(new RegExp(`-r${round}-w\\d+-a$`));
      expect(b).toBe(a.replace(/-a$/, '-b'));
    }
  });

  it(`given ${WRITERS} writers with no expectation, when they append to one stream at once, then all succeed with contiguous versions and each batch stays together`, async () => {
    const streamId = aStreamId('any');

    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, w) =>
        writer(w).appendToStream(streamId, [1, 2, 3].map((n) => anEvent(`${streamId}-w${w}-${n}`))),
      ),
    );

    expect(results.map((r) => r.nextExpectedStreamVersion).sort((x, y) => x - y)).toEqual(
      Array.from({ length: WRITERS }, (_, i) => (i + 1) * 3),
    );
    const events = await stores[0].readStream(streamId);
    expect(events.map((e) => e.streamVersion)).toEqual(Array.from({ length: WRITERS * 3 }, (_, i) => i + 1));
    for (let batch = 0; batch < WRITERS; batch++) {
      const ids = events.slice(batch * 3, batch * 3 + 3).map((e) => e.eventId);
      const w = ids[0].replace(/^.*-w(\d+)-1$/, '$1');
      expect(ids).toEqual([1, 2, 3].map((n) => `${streamId}-w${w}-${n}`));
    }
    const positions = events.map((e) => e.globalPosition);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
  });

  it('given writers appending to many streams, when a reader follows readAll from its checkpoint meanwhile, then it sees every event exactly once in ascending position', async () => {
    const prefix = aStreamId('follow');
    const appendsPerWriter = 15;
    const start = (await stores[0].readAll({ limit: 10_000 })).at(-1)?.globalPosition ?? 0;
    let writing = true;
    const seen: RecordedEvent[] = [];
    let checkpoint = start;
    const follow = async () => {
      const page = await stores[1].readAll({ after: checkpoint, limit: 7 });
      for (const event of page) {
        expect(event.globalPosition).toBeGreaterThan(checkpoint);
        checkpoint = event.globalPosition;
        seen.push(event);
      }
      return page.length;
    };
    const reader = (async () => {
      while (writing) {
        await follow();
        await new Promise((resolve) => setImmediate(resolve));
      }
      while ((await follow()) > 0);
    })();

    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let n = 0; n < appendsPerWriter; n++) {
          await writer(w).appendToStream(`${prefix}-w${w}`, [anEvent(`${prefix}-w${w}-${n}-a`), anEvent(`${prefix}-w${w}-${n}-b`)]);
        }
      }),
    );
    writing = false;
    await reader;

    const ids = seen.map((e) => e.eventId).filter((id) => id.startsWith(prefix));
    expect(ids).toHaveLength(WRITERS * appendsPerWriter * 2);
    expect(new Set(ids).size).toBe(ids.length);
    const all = await stores[0].readAll({ after: start, limit: 10_000 });
    expect(seen.map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
  });

  it('given another transaction open on the data source, when an append runs meanwhile and that transaction rolls back, then the appended events are kept', async () => {
    const streamId = aStreamId('beside');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const other = dataSource
      .transaction(async (manager) => {
        await manager.query('SELECT 1');
        await held;
        throw new Error('rolled back on purpose');
      })
      .catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 20));

    const append = stores[0].appendToStream(streamId, [anEvent(`${streamId}-1`)]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();

    expect(await other).toMatchObject({ message: 'rolled back on purpose' });
    expect(await append).toMatchObject({ appended: 1 });
    expect((await stores[0].readStream(streamId)).map((e) => e.eventId)).toEqual([`${streamId}-1`]);
  });
});
