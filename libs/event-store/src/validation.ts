// Argument checks: a bad argument is a programming error, reported as a plain Error that names it.
import type { ExpectedStreamVersion, NewEvent } from './types';

/** The width of the stream_id, event_id and type columns (PostgreSQL enforces it, SQLite would not). */
export const MAX_ID_LENGTH = 200;
export const DEFAULT_READ_ALL_LIMIT = 1_000;
export const MAX_READ_ALL_LIMIT = 10_000;

export function checkId(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) {
    throw new Error(`${name} must be a non-empty string of at most ${MAX_ID_LENGTH} characters`);
  }
  return value;
}

export function checkInteger(value: unknown, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `between ${min} and ${max}`;
    throw new Error(`${name} must be an integer ${range}, got ${String(value)}`);
  }
  return value;
}

export function checkExpectedStreamVersion(value: unknown): ExpectedStreamVersion {
  if (value === 'no-stream' || value === 'stream-exists' || value === 'any') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new Error(
    `expectedStreamVersion must be an integer >= 0, 'no-stream', 'stream-exists' or 'any', got ${String(value)}`,
  );
}

/** An event ready to insert: ids checked, data and metadata serialised. */
export interface EventRow {
  eventId: string;
  type: string;
  data: string;
  metadata: string;
}

/** Checks a batch (non-empty, well-formed, no id twice) and serialises it. */
export function checkBatch(events: unknown): EventRow[] {
  if (!Array.isArray(events) || events.length === 0) {
    throw new Error('events must be a non-empty array: an append stores at least one event');
  }
  const seen = new Set<string>();
  return events.map((event: NewEvent, i) => {
    if (typeof event !== 'object' || event === null) throw new Error(`events[${i}] must be an object`);
    const eventId = checkId(event.eventId, `events[${i}].eventId`);
    if (seen.has(eventId)) throw new Error(`events contains the event id ${eventId} more than once`);
    seen.add(eventId);
    const type = checkId(event.type, `events[${i}].type`);
    const data = toJson(event.data, `events[${i}].data`);
    if (event.metadata !== undefined && (typeof event.metadata !== 'object' || event.metadata === null || Array.isArray(event.metadata))) {
      throw new Error(`events[${i}].metadata must be an object when given`);
    }
    const metadata = toJson(event.metadata ?? {}, `events[${i}].metadata`);
    return { eventId, type, data, metadata };
  });
}

function toJson(value: unknown, name: string): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new Error(`${name} must be JSON-serialisable: ${(error as Error).message}`);
  }
  if (json === undefined) throw new Error(`${name} must be JSON-serialisable, got ${typeof value}`);
  return json;
}
