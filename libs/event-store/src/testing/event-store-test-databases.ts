// Real databases for the event store's tests: a fresh SQLite file, and PostgreSQL when TEST_DATABASE_URL is set,
// each in a schema of its own that is dropped afterwards. Mirrors testDatabases() of @escalade/persistence, with the
// event store's own entities and migrations.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { EVENT_STORE_ENTITIES, EVENT_STORE_MIGRATIONS } from '../schema';

export interface EventStoreTestDatabase {
  name: 'sqlite' | 'postgres';
  /** A migrated, empty database. */
  open(): Promise<DataSource>;
  /** Another data source (its own connections) on the database that `open` gave; destroy it yourself. */
  openPeer(dataSource: DataSource): Promise<DataSource>;
  /** Destroys the data source and deletes its database. */
  close(dataSource: DataSource): Promise<void>;
}

const common = {
  entities: EVENT_STORE_ENTITIES,
  migrations: EVENT_STORE_MIGRATIONS,
  migrationsRun: false,
  synchronize: false,
} as const;

async function initialize(options: DataSourceOptions): Promise<DataSource> {
  return new DataSource(options).initialize();
}

/** A fresh SQLite file in a temporary folder (WAL, like the application's database). */
export async function openSqliteEventStoreDatabase(): Promise<DataSource> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-events-'));
  const dataSource = await initialize({ ...common, type: 'better-sqlite3', database: path.join(dir, 'events.sqlite'), enableWAL: true });
  await dataSource.runMigrations();
  return dataSource;
}

/** A new schema in the PostgreSQL database at `url`, migrated; `close` drops it. */
export async function openPostgresEventStoreDatabase(url: string, prefix = 'escalade_events_test'): Promise<DataSource> {
  const schema = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await initialize({ type: 'postgres', url });
  try {
    await admin.query(`CREATE SCHEMA "${schema}"`);
  } finally {
    await admin.destroy();
  }
  const dataSource = await initialize({ ...common, type: 'postgres', url, extra: { options: `-c search_path=${schema}` } });
  await dataSource.runMigrations();
  return dataSource;
}

/** Destroys a data source opened by one of the functions above and deletes its database (file or schema). */
export async function closeEventStoreDatabase(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type === 'postgres') {
    const [{ schema }] = await dataSource.query('SELECT current_schema() AS schema');
    await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    await dataSource.destroy();
    return;
  }
  const file = String(dataSource.options.database);
  await dataSource.destroy();
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

const sqlite: EventStoreTestDatabase = {
  name: 'sqlite',
  open: openSqliteEventStoreDatabase,
  openPeer: (dataSource) => initialize(dataSource.options),
  close: closeEventStoreDatabase,
};

function postgres(url: string): EventStoreTestDatabase {
  return {
    name: 'postgres',
    open: () => openPostgresEventStoreDatabase(url),
    openPeer: (dataSource) => initialize(dataSource.options),
    close: closeEventStoreDatabase,
  };
}

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL names one. */
export function eventStoreTestDatabases(): EventStoreTestDatabase[] {
  const url = process.env.TEST_DATABASE_URL;
  return url ? [sqlite, postgres(url)] : [sqlite];
}
