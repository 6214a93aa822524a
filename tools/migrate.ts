// `npm run migrate`: applies pending migrations to our tables (DATA_DIR's SQLite file, or DATABASE_URL).
// `npm start` and the worker run it too, under the same lock (migrateSchema): replicas starting together never race.
// In production, run it as its own step before a rollout (a Kubernetes Job, a compose one-shot).
import { DataSource } from 'typeorm';
import { ConfigError, loadAppConfig, type AppConfig } from '@escalade/config';
import { dataSourceOptions, migrateSchema } from '@escalade/persistence';

/** Brings our tables up to date; returns the names of the migrations it applied. */
export async function migrate(config: AppConfig): Promise<string[]> {
  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  try {
    return await migrateSchema(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  migrate(loadAppConfig())
    .then((applied) => console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema up to date'))
    .catch((err: unknown) => {
      console.error(err instanceof ConfigError ? err.message : err);
      process.exit(1);
    });
}
