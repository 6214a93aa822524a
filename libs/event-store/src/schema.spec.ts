import type { DataSource } from 'typeorm';
import { EventStore } from './event-store';
import { eventStoreTestDatabases } from './testing/event-store-test-databases';
import { uniqueViolationOf } from './unique-violation';

describe.each(eventStoreTestDatabases())('events table on $name', (database) => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await database.open();
    await new EventStore(dataSource).appendToStream('s-1', [{ eventId: 'e-1', type: 'T', data: {} }]);
  });
  afterAll(() => database.close(dataSource));

  const insert = (streamId: string, streamVersion: number, eventId: string) => {
    const [sql, parameters] = dataSource.driver.escapeQueryWithParameters(
      `INSERT INTO events (stream_id, stream_version, event_id, type, data, metadata, recorded_at)
       VALUES (:streamId, :streamVersion, :eventId, 'T', '{}', '{}', '2026-01-01T00:00:00.000Z')`,
      { streamId, streamVersion, eventId },
      {},
    );
    return dataSource.query(sql, parameters);
  };

  it('given the migration ran, when the table is inspected, then it has the unique constraints and the type index', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      const table = await runner.getTable('events');
      expect(table?.uniques.map((u) => [u.name, u.columnNames]).sort()).toEqual([
        ['uq_events_event_id', ['event_id']],
        ['uq_events_stream_version', ['stream_id', 'stream_version']],
      ]);
      expect(table?.indices.map((i) => [i.name, i.columnNames])).toEqual([['idx_events_type', ['type']]]);
      expect(table?.primaryColumns.map((c) => [c.name, c.isGenerated])).toEqual([['global_position', true]]);
    } finally {
      await runner.release();
    }
  });

  it('given a stored event, when a writer bypassing the store inserts the same stream version, then the error reads as a stream-version violation', async () => {
    const error = await insert('s-1', 1, 'e-2').catch((e: unknown) => e);
    expect(uniqueViolationOf(error)).toBe('stream-version');
  });

  it('given a stored event, when a writer bypassing the store inserts the same event id, then the error reads as an event-id violation', async () => {
    const error = await insert('s-2', 1, 'e-1').catch((e: unknown) => e);
    expect(uniqueViolationOf(error)).toBe('event-id');
  });

  it('given any other failure, when classified, then it is not a unique violation', async () => {
    const error = await dataSource.query('INSERT INTO events (stream_id) VALUES (1)').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(uniqueViolationOf(error)).toBeUndefined();
    expect(uniqueViolationOf(new Error('UNIQUE constraint failed: events.event_id'))).toBeUndefined();
    expect(uniqueViolationOf(undefined)).toBeUndefined();
  });

  it('given the migration, when it is reverted, then the events table is gone', async () => {
    await dataSource.undoLastMigration();
    const runner = dataSource.createQueryRunner();
    try {
      expect(await runner.hasTable('events')).toBe(false);
    } finally {
      await runner.release();
    }
  });
});
