// Real databases for tests: a fresh SQLite file, and PostgreSQL when TEST_DATABASE_URL is set
// (.ci/run sets it), each test data source in a schema of its own that is dropped afterwards.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../data-source-options';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  open(): Promise<DataSource>;
  close(dataSource: DataSource): Promise<void>;
}

const sqlite: TestDatabase = {
  name: 'sqlite',
  async open() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-db-'));
    const dataSource = new DataSource(dataSourceOptions({ databaseFile: path.join(dir, 'test.sqlite') }));
    await dataSource.initialize();
    await dataSource.runMigrations();
    return dataSource;
  },
  async close(dataSource) {
    const file = String(dataSource.options.database);
    await dataSource.destroy();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  },
};

function postgres(url: string): TestDatabase {
  return {
    name: 'postgres',
    async open() {
      const schema = `escalade_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = new DataSource({ type: 'postgres', url });
      await admin.initialize();
      await admin.query(`CREATE SCHEMA "${schema}"`);
      await admin.destroy();
      const options = dataSourceOptions({ DATABASE_URL: url, databaseFile: '' });
      const dataSource = new DataSource({ ...options, extra: { options: `-c search_path=${schema}` } });
      await dataSource.initialize();
      await dataSource.runMigrations();
      return dataSource;
    },
    async close(dataSource) {
      const [{ schema }] = await dataSource.query('SELECT current_schema() AS schema');
      await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
      await dataSource.destroy();
    },
  };
}

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL names one. */
export function testDatabases(): TestDatabase[] {
  const url = process.env.TEST_DATABASE_URL;
  return url ? [sqlite, postgres(url)] : [sqlite];
}
