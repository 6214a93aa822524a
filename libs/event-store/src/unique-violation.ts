/** Which unique constraint of the `events` table an insert broke. */
export type UniqueViolation = 'stream-version' | 'event-id';

/**
 * Tells which of the `events` table's unique constraints a database error reports, if any; undefined for every
 * other error. PostgreSQL (SQLSTATE 23505) names the constraint; SQLite (SQLITE_CONSTRAINT_UNIQUE) names the
 * columns instead, e.g. "UNIQUE constraint failed: events.stream_id, events.stream_version".
 * Accepts raw driver errors as well as TypeORM's QueryFailedError wrapping them.
 */
export function uniqueViolationOf(error: unknown): UniqueViolation | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { driverError } = error as { driverError?: unknown };
  const { code, constraint, message } = (driverError ?? error) as { code?: unknown; constraint?: unknown; message?: unknown };
  if (code === '23505') {
    if (constraint === 'uq_events_stream_version') return 'stream-version';
    if (constraint === 'uq_events_event_id') return 'event-id';
    return undefined;
  }
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string') {
    const columns = message.slice(message.indexOf(':') + 1).split(',').map((column) => column.trim());
    if (columns.join() === 'events.stream_id,events.stream_version') return 'stream-version';
    if (columns.join() === 'events.event_id') return 'event-id';
  }
  return undefined;
}
