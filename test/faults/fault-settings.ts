// The run's knobs, from the environment (see the README's "Fault injection").

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not ${process.env[name]}`);
  return value;
}

/** Tickets in the mixed load. */
export const TICKETS = positive('FAULT_TICKETS', 100);
/** Severity A's 2 hours become 14.4 s: long enough for a crash and a restart inside one response window. */
export const TIME_SCALE = positive('FAULT_TIME_SCALE', 0.002);
/** How soon Microsoft's answer must show on the ticket, not counting the time a process was down. */
export const ANSWER_WITHIN_MS = positive('FAULT_ANSWER_SECONDS', 20) * 1000;
/** Share of the mixed load's tickets the simulator answers late, and its seed (the same answers run after run). */
export const LATE_PROBABILITY = process.env.FAULT_LATE_PROBABILITY ?? '0.3';
export const SEED = process.env.FAULT_SEED ?? '1';
export const PHASES = (process.env.FAULT_PHASES ?? 'races,mixed,replicas').split(',');
/** Tickets in the replicas phase. */
export const REPLICA_TICKETS = positive('FAULT_REPLICA_TICKETS', 12);
/** The PostgreSQL server the replicas phase makes its database on (as the storage tests: TEST_DATABASE_URL). */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Keep each system's folder (SQLite files, process logs) even when every check passed; it is kept on a failure. */
export const KEEP_DATA = process.env.FAULT_KEEP_DATA === '1';
