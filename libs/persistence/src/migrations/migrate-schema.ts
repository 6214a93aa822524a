import type { DataSource } from 'typeorm';

/** Any fixed number: the PostgreSQL advisory lock every Escalade process takes to migrate our tables. */
const MIGRATION_LOCK_KEY = 7_311_963_041;
/** How long a process waits for another one's migrations before it gives up (a large table's may take minutes). */
const MIGRATION_LOCK_WAIT_MS = 10 * 60_000;
const RETRY_MS = 250;

export class MigrationLockTimeoutError extends Error {
  constructor() {
    super(`another process held the migration lock for more than ${MIGRATION_LOCK_WAIT_MS / 60_000} minutes`);
  }
}

/**
 * Applies the pending migrations under a database-wide lock, so replicas starting together never race (each one after
 * the first finds nothing left to do); returns the names of those it applied. PostgreSQL: a session advisory lock, tried
 * again until free (a blocking wait would hit the pool's statement time-out). SQLite: the write lock of one
 * transaction around all of them (`BEGIN IMMEDIATE`), tried again while another process holds it.
 */
export async function migrateSchema(dataSource: DataSource): Promise<string[]> {
  if (dataSource.options.type === 'postgres') return withAdvisoryLock(dataSource, async () => names(await dataSource.runMigrations({ transaction: 'all' })));
  await retryWhileLocked(() => dataSource.query('BEGIN IMMEDIATE'), isSqliteBusy);
  try {
    const applied = names(await dataSource.runMigrations({ transaction: 'none' }));
    await dataSource.query('COMMIT');
    return applied;
  } catch (err) {
    await dataSource.query('ROLLBACK');
    throw err;
  }
}

async function withAdvisoryLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const session = dataSource.createQueryRunner();
  await session.connect();
  try {
    await retryWhileLocked(async () => {
      const [{ locked }] = await session.query('SELECT pg_try_advisory_lock($1) AS locked', [MIGRATION_LOCK_KEY]);
      if (!locked) throw new LockHeld();
    }, (err) => err instanceof LockHeld);
    try {
      return await work();
    } finally {
      await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await session.release();
  }
}

class LockHeld extends Error {}

async function retryWhileLocked(attempt: () => Promise<unknown>, locked: (err: unknown) => boolean): Promise<void> {
  const giveUpAt = Date.now() + MIGRATION_LOCK_WAIT_MS;
  for (;;) {
    try {
      await attempt();
      return;
    } catch (err) {
      if (!locked(err)) throw err;
      if (Date.now() >= giveUpAt) throw new MigrationLockTimeoutError();
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}

function isSqliteBusy(err: unknown): boolean {
  for (let e = err; e instanceof Error; e = (e as { driverError?: unknown }).driverError ?? e.cause) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY') return true;
  }
  return false;
}

function names(migrations: { name: string }[]): string[] {
  return migrations.map((migration) => migration.name);
}
