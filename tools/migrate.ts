// `npm run migrate`: applies pending migrations to our tables (DATA_DIR's SQLite file, or DATABASE_URL).
// `npm start` and the worker run it too; this is for deployments that migrate as a separate step.
import { DataSource } from 'typeorm';
import { ConfigError, loadAppConfig, type AppConfig } from '@escalade/config';
import { dataSourceOptions } from '@escalade/persistence';

/** Brings our tables up to date; returns the names of the migrations it applied. */
export async function migrate(config: AppConfig): Promise<string[]> {
  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  try {
    return (await dataSource.runMigrations()).map((migration) => migration.name);
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
