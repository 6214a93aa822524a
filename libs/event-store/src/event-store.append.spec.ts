import type { DataSource } from 'typeorm';
import { StreamVersionConflictError } from './errors';
import { EventStore } from './event-store';
import { aStreamId, anEvent } from './testing/fixtures';
import { eventStoreTestDatabases } from './testing/event-store-test-databases';
import type { ExpectedStreamVersion } from './types';

describe.each(eventStoreTestDatabases())('EventStore appendToStream and readStream on $name', (database) => {
  let dataSource: DataSource;
  let store: EventStore;

  beforeAll(async () => {
    dataSource = await database.open();
    store = new EventStore(dataSource);
  });
  afterAll(() => database.close(dataSource));

  describe('append and read', () => {
    it('given a new stream, when events are appended in two batches, then readStream returns them in order at versions 1..n', async () => {
      const streamId = aStreamId();

      const first = await store.appendToStream(streamId, [anEvent(`${streamId}-a`), anEvent(`${streamId}-b`)]);
      const second = await store.appendToStream(streamId, [anEvent(`${streamId}-c`, 'OtherThing')]);

      const events = await store.readStream(streamId);
      expect(events.map((e) => [e.eventId, e.streamVersion, e.type])).toEqual([
        [`${streamId}-a`, 1, 'SomethingHappened'],
        [`${streamId}-b`, 2, 'SomethingHappened'],
        [`${streamId}-c`, 3, 'OtherThing'],
      ]);
      expect(events.every((e) => e.streamId === streamId)).toBe(true);
      expect(first).toEqual({ nextExpectedStreamVersion: 2, lastGlobalPosition: events[1].globalPosition, appended: 2 });
      expect(second).toEqual({ nextExpectedStreamVersion: 3, lastGlobalPosition: events[2].globalPosition, appended: 1 });
      expect(events.map((e) => typeof e.globalPosition)).toEqual(['number', 'number', 'number']);
      expect(events[0].globalPosition).toBeLessThan(events[1].globalPosition);
      expect(events[1].globalPosition).toBeLessThan(events[2].globalPosition);
      expect(await store.streamVersion(streamId)).toBe(3);
    });

    it('given a stream of 5 events, when read with from and to, then only that inclusive range comes back', async () => {
      const streamId = aStreamId();
      await store.appendToStream(streamId, [1, 2, 3, 4, 5].map((n) => anEvent(`${streamId}-${n}`)));

      const versions = async (options: { from?: number; to?: number }) => (await store.readStream(streamId, options)).map((e) => e.streamVersion);

      expect(await versions({ from: 2, to: 4 })).toEqual([2, 3, 4]);
      expect(await versions({ from: 4 })).toEqual([4, 5]);
      expect(await versions({ to: 2 })).toEqual([1, 2]);
      expect(await versions({ from: 6 })).toEqual([]);
      expect(await versions({ from: 3, to: 2 })).toEqual([]);
    });

    it('given no events, when an unknown stream is read, then it is empty at version 0', async () => {
      expect(await store.readStream('never-written')).toEqual([]);
      expect(await store.streamVersion('never-written')).toBe(0);
    });
  });

  describe('expectedStreamVersion', () => {
    // [expected, events already in the stream]
    const accepted: Array<[ExpectedStreamVersion, number]> = [
      [0, 0],
      [2, 2],
      ['no-stream', 0],
      ['stream-exists', 1],
      ['any', 0],
      ['any', 3],
    ];
    it.each(accepted)('given a stream at the expected version, when appending expecting %p (stream at %p), then the append is accepted', async (expected, existing) => {
      const streamId = aStreamId();
      if (existing > 0) await store.appendToStream(streamId, Array.from({ length: existing }, (_, i) => anEvent(`${streamId}-old-${i}`)));

      const result = await store.appendToStream(streamId, [anEvent(`${streamId}-new`)], { expectedStreamVersion: expected });

      expect(result).toMatchObject({ nextExpectedStreamVersion: existing + 1, appended: 1 });
      expect((await store.readStream(streamId)).at(-1)).toMatchObject({ eventId: `${streamId}-new`, streamVersion: existing + 1 });
    });

    const rejected: Array<[ExpectedStreamVersion, number]> = [
      [1, 0],
      [1, 2],
      [3, 2],
      [0, 1],
      ['no-stream', 1],
      ['stream-exists', 0],
    ];
    it.each(rejected)('given a stream elsewhere, when appending expecting %p (stream at %p), then StreamVersionConflictError carries expected and actual and nothing is stored', async (expected, existing) => {
      const streamId = aStreamId();
      if (existing > 0) await store.appendToStream(streamId, Array.from({ length: existing }, (_, i) => anEvent(`${streamId}-old-${i}`)));

      const attempt = store.appendToStream(streamId, [anEvent(`${streamId}-new`)], { expectedStreamVersion: expected });

      const error = await attempt.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StreamVersionConflictError);
      expect(error).toMatchObject({ name: 'StreamVersionConflictError', streamId, expected, actual: existing });
      expect((error as Error).message).toContain(streamId);
      expect(await store.streamVersion(streamId)).toBe(existing);
      expect((await store.readAll({ limit: 10_000 })).some((e) => e.eventId === `${streamId}-new`)).toBe(false);
    });
  });

  describe('recordedAt', () => {
    it('given an injected clock, when events are appended, then each carries its time as ISO-8601 UTC', async () => {
      const at = new Date('2026-03-01T08:15:30.123Z');
      const clocked = new EventStore(dataSource, { clock: () => at });
      const streamId = aStreamId();

      await clocked.appendToStream(streamId, [anEvent(`${streamId}-a`), anEvent(`${streamId}-b`)]);

      expect((await store.readStream(streamId)).map((e) => e.recordedAt)).toEqual(['2026-03-01T08:15:30.123Z', '2026-03-01T08:15:30.123Z']);
    });

    it('given the default clock, when an event is appended, then recordedAt is the current time', async () => {
      const streamId = aStreamId();
      const before = Date.now();

      await store.appendToStream(streamId, [anEvent(`${streamId}-a`)]);

      const [{ recordedAt }] = await store.readStream(streamId);
      expect(recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Date.parse(recordedAt)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(recordedAt)).toBeLessThanOrEqual(Date.now());
    });
  });

  describe('JSON round trip', () => {
    const payloads: Array<[string, unknown]> = [
      ['a nested object', { ticket: { id: 't-1', tags: ['a', 'b'], sla: { hours: 4, met: null } }, count: 3, ok: true }],
      ['an array at the top', [1, 'two', { three: [3] }, null, false]],
      ['unicode and escapes', { note: 'Grüße, 東京, emoji 🚀, “quotes” \'single\' "double"', path: 'C:\\temp\\x', lines: 'a\nb\tc', nul: '\u0000', colon: ':id :...ids' }],
      ['a string', 'just text'],
      ['a number', -12.5e-3],
      ['null', null],
      ['an empty object', {}],
      ['a large payload', { blob: 'x'.repeat(100_000) }],
    ];
    it.each(payloads)('given %s as data, when appended and read back, then it is equal', async (_, data) => {
      const streamId = aStreamId();

      await store.appendToStream(streamId, [{ eventId: `${streamId}-a`, type: 'Payload', data }]);

      const [event] = await store.readStream(streamId);
      expect(event.data).toEqual(data);
      expect((await store.readAll({ after: event.globalPosition - 1, limit: 1 }))[0].data).toEqual(data);
    });

    it('given metadata with every field, when appended, then it is read back as given; without metadata it is {}', async () => {
      const streamId = aStreamId();
      const metadata = { workflowId: 'service-request-t-1', runId: 'run-ü', causationId: 'c-1', correlationId: 'k-1', actor: 'coordinator@contoso.example' };

      await store.appendToStream(streamId, [{ ...anEvent(`${streamId}-a`), metadata }, anEvent(`${streamId}-b`)]);

      expect((await store.readStream(streamId)).map((e) => e.metadata)).toEqual([metadata, {}]);
    });
  });

  describe('bad arguments', () => {
    const rejectsWith = async (call: () => Promise<unknown>, pattern: RegExp) => {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).constructor).toBe(Error);
      expect((error as Error).message).toMatch(pattern);
    };

    it('given bad append arguments, when appending, then a plain Error names the argument and nothing is stored', async () => {
      const before = (await store.readAll({ limit: 10_000 })).length;
      const e = anEvent('bad-args-1');

      await rejectsWith(() => store.appendToStream('', [e]), /streamId/);
      await rejectsWith(() => store.appendToStream('x'.repeat(201), [e]), /streamId/);
      await rejectsWith(() => store.appendToStream('bad-args', []), /events must be a non-empty array/);
      await rejectsWith(() => store.appendToStream('bad-args', [e, { ...e }]), /events contains the event id bad-args-1 more than once/);
      await rejectsWith(() => store.appendToStream('bad-args', [{ ...e, eventId: '' }]), /events\[0\]\.eventId/);
      await rejectsWith(() => store.appendToStream('bad-args', [e, { ...e, eventId: 'bad-args-2', type: '' }]), /events\[1\]\.type/);
      await rejectsWith(() => store.appendToStream('bad-args', [{ ...e, data: undefined }]), /events\[0\]\.data/);
      await rejectsWith(() => store.appendToStream('bad-args', [{ ...e, data: { n: BigInt(1) } }]), /events\[0\]\.data/);
      await rejectsWith(() => store.appendToStream('bad-args', [{ ...e, metadata: 'x' as never }]), /events\[0\]\.metadata/);
      for (const expectedStreamVersion of [-1, 1.5, Number.NaN, 'latest']) {
        await rejectsWith(() => store.appendToStream('bad-args', [e], { expectedStreamVersion: expectedStreamVersion as never }), /expectedStreamVersion/);
      }

      expect(await store.readAll({ limit: 10_000 })).toHaveLength(before);
    });

    it('given bad read arguments, when reading, then a plain Error names the argument', async () => {
      await rejectsWith(() => store.readStream(''), /streamId/);
      await rejectsWith(() => store.streamVersion(''), /streamId/);
      for (const from of [0, -1, 1.5, Number.NaN]) await rejectsWith(() => store.readStream('s', { from }), /from/);
      for (const to of [-1, 2.5]) await rejectsWith(() => store.readStream('s', { to }), /to/);
      for (const after of [-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) await rejectsWith(() => store.readAll({ after }), /after/);
      for (const limit of [0, -5, 10_001, 2.5]) await rejectsWith(() => store.readAll({ limit }), /limit/);
    });
  });
});
