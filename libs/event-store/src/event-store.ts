import type { DataSource } from 'typeorm';
import { appendPlan, statement, type Row } from './append-plan';
import { dialectFor, type Dialect } from './dialects';
import { EventIdReuseError, StreamVersionConflictError } from './errors';
import type {
  AppendOptions,
  AppendResult,
  EventMetadata,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  Upcaster,
} from './types';
import {
  checkBatch,
  checkExpectedStreamVersion,
  checkId,
  checkInteger,
  DEFAULT_READ_ALL_LIMIT,
  MAX_READ_ALL_LIMIT,
} from './validation';
import { uniqueViolationOf } from './unique-violation';

const COLUMNS = 'global_position, stream_id, stream_version, event_id, type, data, metadata, recorded_at';

/** How often an append that hit a unique constraint is re-run before the violation is reported. */
const ATTEMPTS = 3;

/**
 * An append-only event store on the `events` table (see EVENT_STORE_MIGRATIONS), for SQLite (better-sqlite3)
 * and PostgreSQL data sources: streams of events with optimistic concurrency, idempotent retries and a global,
 * gap-tolerant order for projections. In the spirit of event-driven-io/emmett.
 */
export class EventStore {
  private readonly dialect: Dialect;

  private readonly clock: () => Date;
  private readonly upcast: Upcaster;

  /**
   * `upcast`: the read path's last step, bringing events stored in an older shape to today's, so readers (projections,
   * timelines) only know the current one and stored rows are never rewritten.
   */
  constructor(
    private readonly dataSource: DataSource,
    { clock = () => new Date(), upcast = (event) => event }: { clock?: () => Date; upcast?: Upcaster } = {},
  ) {
    this.dialect = dialectFor(dataSource);
    this.clock = clock;
    this.upcast = upcast;
  }

  /**
   * Appends the events to the stream in one transaction, at the versions after its current one.
   * - When every event id of the batch is already stored in this stream with the same type and data, the call is a
   *   retry: nothing is stored and the stream's current state is returned (appended: 0), whatever the expected version.
   * - When only some ids are stored, or one is stored in another stream, with another type or other data:
   *   EventIdReuseError.
   * - Otherwise, when the stream is not at `expectedStreamVersion` (default 'any'): StreamVersionConflictError.
   * An empty batch is a programming error (a plain Error), as are duplicate ids inside the batch.
   */
  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    checkId(streamId, 'streamId');
    const batch = checkBatch(events);
    const expected = checkExpectedStreamVersion(options.expectedStreamVersion ?? 'any');
    const recordedAt = this.clock().toISOString();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dialect.append(() => appendPlan(this.dataSource.driver, streamId, batch, expected, recordedAt));
      } catch (error) {
        const violation = uniqueViolationOf(error);
        if (!violation) throw error;
        // Appends are serialised, so only a writer that bypasses EventStore can win a race against the checks.
        // Running them again turns the lost race into the right outcome (a conflict, a no-op retry, a reuse error).
        if (attempt < ATTEMPTS) continue;
        if (violation === 'stream-version') {
          throw new StreamVersionConflictError(streamId, expected, await this.streamVersion(streamId));
        }
        throw new EventIdReuseError(streamId, batch.map((event) => event.eventId), 'another writer stored one of these ids');
      }
    }
  }

  /** The stream's events from `from` to `to` (versions, both inclusive), in order; [] for an unknown stream. */
  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    checkId(streamId, 'streamId');
    const from = checkInteger(options.from ?? 1, 'from', 1);
    const to = options.to === undefined ? undefined : checkInteger(options.to, 'to', 0);
    const upTo = to === undefined ? '' : ' AND stream_version <= :to';
    return this.read(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = :streamId AND stream_version >= :from${upTo} ORDER BY stream_version`,
      { streamId, from, to },
    );
  }

  /**
   * Events of every stream in global order, after the checkpoint `after`. Page with the last event's
   * globalPosition as the next `after`: an event committed later never gets a lower position.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = checkInteger(options.after ?? 0, 'after', 0);
    const limit = checkInteger(options.limit ?? DEFAULT_READ_ALL_LIMIT, 'limit', 1, MAX_READ_ALL_LIMIT);
    return this.read(`SELECT ${COLUMNS} FROM events WHERE global_position > :after ORDER BY global_position LIMIT :limit`, {
      after,
      limit,
    });
  }

  /** The stream's current version: the number of its events, 0 when it does not exist. */
  async streamVersion(streamId: string): Promise<number> {
    checkId(streamId, 'streamId');
    const [row] = await this.dialect.query(
      statement(this.dataSource.driver, 'SELECT MAX(stream_version) AS version FROM events WHERE stream_id = :streamId', {
        streamId,
      }),
    );
    return Number(row?.version ?? 0);
  }

  /** The global position of the newest event, 0 for an empty store: where a live reader starts. */
  async headPosition(): Promise<number> {
    const [row] = await this.dialect.query(
      statement(this.dataSource.driver, 'SELECT MAX(global_position) AS head FROM events', {}),
    );
    return Number(row?.head ?? 0);
  }

  private async read(sql: string, parameters: Record<string, unknown>): Promise<RecordedEvent[]> {
    const rows = await this.dialect.query(statement(this.dataSource.driver, sql, parameters));
    return rows.map((row) => this.upcast(toRecordedEvent(row)));
  }
}

function toRecordedEvent(row: Row): RecordedEvent {
  return {
    streamId: String(row.stream_id),
    streamVersion: Number(row.stream_version),
    globalPosition: Number(row.global_position), // a string on PostgreSQL (bigint)
    eventId: String(row.event_id),
    type: String(row.type),
    data: JSON.parse(String(row.data)) as unknown,
    metadata: JSON.parse(String(row.metadata)) as EventMetadata,
    recordedAt: String(row.recorded_at),
  };
}
