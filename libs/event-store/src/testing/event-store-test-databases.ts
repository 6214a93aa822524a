// Real databases for tests: a fresh SQLite file, and PostgreSQL when TEST_DATABASE_URL is set, each in a schema
// of its own that is dropped afterwards; migrated with the tables a library names (`testDatabasesFor`).
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

/** The tables a test database is migrated with. */
export interface TestSchema {
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
}

const EVENT_STORE_SCHEMA: TestSchema = { entities: EVENT_STORE_ENTITIES, migrations: EVENT_STORE_MIGRATIONS };

const optionsOf = (schema: TestSchema) => ({ ...schema, migrationsRun: false, synchronize: false }) as const;

async function initialize(options: DataSourceOptions): Promise<DataSource> {
  return new DataSource(options).initialize();
}

/** A fresh SQLite file in a temporary folder (WAL, like the application's database). */
export async function openSqliteEventStoreDatabase(schema: TestSchema = EVENT_STORE_SCHEMA): Promise<DataSource> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-events-'));
  const dataSource = await initialize({ ...optionsOf(schema), type: 'better-sqlite3', database: path.join(dir, 'events.sqlite'), enableWAL: true });
  await dataSource.runMigrations();
  return dataSource;
}

/** A new schema in the PostgreSQL database at `url`, migrated; `close` drops it. */
export async function openPostgresEventStoreDatabase(
  url: string,
  prefix = 'escalade_events_test',
  tables: TestSchema = EVENT_STORE_SCHEMA,
): Promise<DataSource> {
  const schema = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await initialize({ type: 'postgres', url });
  try {
    await admin.query(`CREATE SCHEMA "${schema}"`);
  } finally {
    await admin.destroy();
  }
  const dataSource = await initialize({ ...optionsOf(tables), type: 'postgres', url, extra: { options: `-c search_path=${schema}` } });
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

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL names one; both migrated with `schema`. */
export function testDatabasesFor(schema: TestSchema): EventStoreTestDatabase[] {
  const sqlite: EventStoreTestDatabase = {
    name: 'sqlite',
    open: () => openSqliteEventStoreDatabase(schema),
    openPeer: (dataSource) => initialize(dataSource.options),
    close: closeEventStoreDatabase,
  };
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return [sqlite];
  const postgres: EventStoreTestDatabase = {
    name: 'postgres',
    open: () => openPostgresEventStoreDatabase(url, 'escalade_test', schema),
    openPeer: (dataSource) => initialize(dataSource.options),
    close: closeEventStoreDatabase,
  };
  return [sqlite, postgres];
}

/** The event store's own tables only. */
export function eventStoreTestDatabases(): EventStoreTestDatabase[] {
  return testDatabasesFor(EVENT_STORE_SCHEMA);
}
