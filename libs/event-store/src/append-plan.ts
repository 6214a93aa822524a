import type { Driver } from 'typeorm';
import { EventIdReuseError, StreamVersionConflictError } from './errors';
import type { AppendResult, ExpectedStreamVersion } from './types';
import type { EventRow } from './validation';

/** One SQL statement, already in the driver's placeholder style. */
export interface Statement {
  sql: string;
  parameters: unknown[];
}

export type Row = Record<string, unknown>;

/**
 * A unit of work written once for both databases: it yields each statement and receives its rows back.
 * A dialect runs it inside its append transaction — synchronously on SQLite, with awaits on PostgreSQL.
 */
export type Plan<T> = Generator<Statement, T, Row[]>;

/** Plain SQL that SQLite (3.35+) and PostgreSQL both run; named parameters are bound by the TypeORM driver. */
export function statement(driver: Driver, sql: string, parameters: Record<string, unknown>): Statement {
  const [escaped, values] = driver.escapeQueryWithParameters(sql, parameters, {});
  return { sql: escaped, parameters: values };
}

// Keeps every statement well below SQLite's and PostgreSQL's limits on bound parameters.
const CHUNK = 500;

const INSERT_COLUMNS = 'stream_id, stream_version, event_id, type, data, metadata, recorded_at';

/**
 * Appends a checked batch to a stream: a retried batch is a no-op, a reused id is refused, then the expected
 * version is checked and the events get the next versions. Runs inside the dialect's append transaction,
 * in which no other append can interleave.
 */
export function* appendPlan(
  driver: Driver,
  streamId: string,
  batch: EventRow[],
  expected: ExpectedStreamVersion,
  recordedAt: string,
): Plan<AppendResult> {
  const stored: Row[] = [];
  for (let start = 0; start < batch.length; start += CHUNK) {
    const ids = batch.slice(start, start + CHUNK).map((event) => event.eventId);
    stored.push(
      ...(yield statement(driver, 'SELECT event_id, stream_id, type, data FROM events WHERE event_id IN (:...ids)', { ids })),
    );
  }
  const [head] = yield statement(
    driver,
    'SELECT stream_version, global_position FROM events WHERE stream_id = :streamId ORDER BY stream_version DESC LIMIT 1',
    { streamId },
  );
  const current = head ? Number(head.stream_version) : 0;

  if (stored.length > 0) {
    const sent = new Map(batch.map((event) => [event.eventId, event]));
    const different = stored.filter((row) => !isSameEvent(row, streamId, sent.get(String(row.event_id))));
    if (different.length > 0) {
      const ids = different.map((row) => String(row.event_id));
      throw new EventIdReuseError(streamId, ids, 'already stored in another stream, with another type or with other data');
    }
    if (stored.length < batch.length) {
      const ids = stored.map((row) => String(row.event_id));
      throw new EventIdReuseError(streamId, ids, `the batch mixes ${stored.length} stored events with ${batch.length - stored.length} new ones`);
    }
    // A retry of a batch that was stored: nothing to do, whatever the expected version (the stream may have moved on).
    return { nextExpectedStreamVersion: current, lastGlobalPosition: Number(head.global_position), appended: 0 };
  }

  if (!accepts(expected, current)) throw new StreamVersionConflictError(streamId, expected, current);

  let lastGlobalPosition = 0;
  for (let start = 0; start < batch.length; start += CHUNK) {
    const parameters: Record<string, unknown> = { streamId, recordedAt };
    const values = batch.slice(start, start + CHUNK).map((event, i) => {
      Object.assign(parameters, {
        [`v${i}`]: current + start + i + 1,
        [`e${i}`]: event.eventId,
        [`t${i}`]: event.type,
        [`d${i}`]: event.data,
        [`m${i}`]: event.metadata,
      });
      return `(:streamId, :v${i}, :e${i}, :t${i}, :d${i}, :m${i}, :recordedAt)`;
    });
    const rows = yield statement(
      driver,
      `INSERT INTO events (${INSERT_COLUMNS}) VALUES ${values.join(', ')} RETURNING global_position`,
      parameters,
    );
    for (const row of rows) lastGlobalPosition = Math.max(lastGlobalPosition, Number(row.global_position));
  }
  return { nextExpectedStreamVersion: current + batch.length, lastGlobalPosition, appended: batch.length };
}

/** A retry resends exactly what it sent: same stream, type and data (key order aside). */
function isSameEvent(row: Row, streamId: string, event: EventRow | undefined): boolean {
  return (
    event !== undefined &&
    row.stream_id === streamId &&
    row.type === event.type &&
    canonicalJson(JSON.parse(String(row.data))) === canonicalJson(JSON.parse(event.data))
  );
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

function accepts(expected: ExpectedStreamVersion, current: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no-stream':
      return current === 0;
    case 'stream-exists':
      return current > 0;
    default:
      return current === expected;
  }
}
