import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { newKey } from '@escalade/secrets';
import { dataSourceOptions } from '../data-source-options';
import { migrateSchema } from './migrate-schema';

const KEY = { NODE_ENV: 'test', DATA_DIR: os.tmpdir(), SECRETS_ENCRYPTION_KEY: newKey() };

/** Two processes' data sources on one fresh, empty database, as two replicas starting together have. */
async function twoReplicas(name: 'sqlite' | 'postgres'): Promise<{ replicas: DataSource[]; drop: () => Promise<void> }> {
  if (name === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-migrate-'));
    const options = dataSourceOptions({ ...KEY, databaseFile: path.join(dir, 'escalade.sqlite') });
    const replicas = await Promise.all([1, 2].map(() => new DataSource(options).initialize()));
    return { replicas, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const url = process.env.TEST_DATABASE_URL as string;
  const schema = `escalade_migrate_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await new DataSource({ type: 'postgres', url }).initialize();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  const options = { ...dataSourceOptions({ ...KEY, DATABASE_URL: url, databaseFile: '' }), extra: { options: `-c search_path=${schema}` } } as DataSourceOptions;
  const replicas = await Promise.all([1, 2].map(() => new DataSource(options).initialize()));
  return {
    replicas,
    drop: async () => {
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
      await admin.destroy();
    },
  };
}

const DATABASES: Array<'sqlite' | 'postgres'> = ['sqlite', ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])];

describe.each(DATABASES)('migrateSchema on %s', (name) => {
  it('given two replicas starting together on an empty database, when both migrate at once, then each migration is applied once and both start', async () => {
    const { replicas, drop } = await twoReplicas(name);
    try {
      const applied = await Promise.all(replicas.map((replica) => migrateSchema(replica)));

      const all = replicas[0].migrations.map((migration) => migration.name).sort();
      expect([...applied[0], ...applied[1]].sort()).toEqual(all);
      expect(applied.some((names) => names.length === 0)).toBe(true);
      expect(await migrateSchema(replicas[1])).toEqual([]);
      const [{ count }] = await replicas[1].query('SELECT COUNT(*) AS count FROM migrations');
      expect(Number(count)).toBe(all.length);
    } finally {
      await Promise.all(replicas.map((replica) => replica.destroy()));
      await drop();
    }
  });
});
