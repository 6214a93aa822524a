/**
 * Whether the database refused a write for what it holds (a constraint, a value it cannot store) rather than for
 * its own state (busy, locked, connection lost, serialisation failure): only the first is parked, the rest is
 * retried, so an outage never parks good events. PostgreSQL: SQLSTATE classes 22 and 23. Accepts TypeORM's
 * QueryFailedError as well as raw driver errors.
 */
export function isRowRefusal(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { driverError } = error as { driverError?: unknown };
  const { code } = (driverError ?? error) as { code?: unknown };
  if (typeof code !== 'string') return false;
  return /^2[23][0-9A-Z]{3}$/.test(code) || /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG)/.test(code);
}
