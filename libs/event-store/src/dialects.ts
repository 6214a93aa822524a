import type BetterSqlite3 from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import type { Plan, Row, Statement } from './append-plan';
import { APPENDED_CHANNEL } from './append-notifications';

/** How the event store talks to one kind of database. */
export interface Dialect {
  /** Runs one statement outside the append transaction. */
  query(statement: Statement): Promise<Row[]>;
  /** Runs a plan in an append transaction: committed when it returns, rolled back when it throws. */
  append<T>(plan: () => Plan<T>): Promise<T>;
}

export function dialectFor(dataSource: DataSource): Dialect {
  switch (dataSource.options.type) {
    case 'better-sqlite3':
      return new SqliteDialect(dataSource);
    case 'postgres':
      return new PostgresDialect(dataSource);
    default:
      throw new Error(`EventStore runs on better-sqlite3 and postgres data sources, not ${dataSource.options.type}`);
  }
}

/**
 * The key of the transaction-level advisory lock every append takes on PostgreSQL ("evstore" in ASCII).
 * Nothing else in the application may use it.
 */
export const APPEND_LOCK_KEY = '28559210894553701';

/**
 * PostgreSQL: each append runs on a pooled connection and starts by taking a transaction-level advisory lock,
 * so appends are serialised and commit in the order they took their global positions. Without it two appends
 * could take positions 7 and 8 and commit 8 first: a projection reading `after` its checkpoint would then move
 * past 7 before 7 is visible and never see it. The lock is released by COMMIT/ROLLBACK, after the commit is
 * visible, so the next append reads the stream's current version (READ COMMITTED takes a fresh snapshot per
 * statement) and only the version check, not the unique constraint, has to turn a lost race into a conflict.
 * The price: appends to different streams do not run in parallel either (see the benchmark for the rate).
 * Each append also NOTIFYs APPENDED_CHANNEL, so listeners in other processes (AppendNotifications) learn of it at once.
 */
class PostgresDialect implements Dialect {
  constructor(private readonly dataSource: DataSource) {}

  async query({ sql, parameters }: Statement): Promise<Row[]> {
    return this.dataSource.query(sql, parameters);
  }

  async append<T>(plan: () => Plan<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner('master');
    try {
      await runner.startTransaction();
      try {
        // The notification rides on the lock's round trip; PostgreSQL delivers it at COMMIT, never on a rollback.
        await runner.query(`SELECT pg_advisory_xact_lock(${APPEND_LOCK_KEY}), pg_notify('${APPENDED_CHANNEL}', '')`);
        const steps = plan();
        let step = steps.next();
        while (!step.done) step = steps.next(await runner.query(step.value.sql, step.value.parameters));
        await runner.commitTransaction();
        return step.value;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }
}

/** Gives up waiting for another transaction on the shared SQLite connection after this long. */
const SQLITE_IDLE_TIMEOUT_MS = 10_000;
const STATEMENT_CACHE_SIZE = 100;

/**
 * SQLite allows one writer at a time, so appends are serialised by the database itself. TypeORM's better-sqlite3
 * driver shares ONE connection (and one query runner) between every caller in the process: an asynchronous
 * transaction there would let other callers' statements run inside it (and be rolled back with it). So the
 * append plan runs synchronously inside better-sqlite3's own transaction — nothing else can interleave — with
 * BEGIN IMMEDIATE, which takes the write lock up front (another process writing the same file is waited for,
 * up to the driver's busy timeout, instead of failing when a read transaction is upgraded). An append waits
 * until no other transaction is open on the shared connection rather than nesting in it as a savepoint; an
 * append cannot therefore join a transaction of its caller.
 */
class SqliteDialect implements Dialect {
  private readonly statements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

  constructor(private readonly dataSource: DataSource) {}

  async query(statement: Statement): Promise<Row[]> {
    return this.run(this.connection(), statement);
  }

  async append<T>(plan: () => Plan<T>): Promise<T> {
    const connection = this.connection();
    const deadline = Date.now() + SQLITE_IDLE_TIMEOUT_MS;
    while (connection.inTransaction) {
      if (Date.now() > deadline) {
        throw new Error('EventStore: the SQLite connection stayed in another transaction; appendToStream cannot join one');
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const transaction = connection.transaction(() => {
      const steps = plan();
      let step = steps.next();
      while (!step.done) step = steps.next(this.run(connection, step.value));
      return step.value;
    });
    return transaction.immediate();
  }

  private connection(): BetterSqlite3.Database {
    const { databaseConnection } = this.dataSource.driver as unknown as { databaseConnection?: BetterSqlite3.Database };
    if (!databaseConnection) throw new Error('EventStore: the data source is not initialized');
    return databaseConnection;
  }

  private run(connection: BetterSqlite3.Database, { sql, parameters }: Statement): Row[] {
    const prepared = this.prepare(connection, sql);
    if (prepared.reader) return prepared.all(...parameters) as Row[];
    prepared.run(...parameters);
    return [];
  }

  private prepare(connection: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
    let cache = this.statements.get(connection);
    if (!cache) this.statements.set(connection, (cache = new Map()));
    let prepared = cache.get(sql);
    if (!prepared) {
      prepared = connection.prepare(sql);
      cache.set(sql, prepared);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    }
    return prepared;
  }
}
