// `npm run projections:rebuild`: drops the tickets read model and folds the whole event log again,
// showing progress. Uses the app's settings (DATA_DIR or DATABASE_URL).
import { DataSource } from 'typeorm';
import { ConfigError, loadAppConfig } from '@escalade/config';
import { dataSourceOptions, migrateSchema, TicketsProjection } from '@escalade/persistence';

function bar(done: number, total: number, width = 30): string {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%`;
}

async function main(): Promise<void> {
  const config = loadAppConfig();
  const dataSource = new DataSource(dataSourceOptions(config));
  await dataSource.initialize();
  try {
    await migrateSchema(dataSource);
    const projection = new TicketsProjection(dataSource);
    const started = Date.now();
    const processed = await projection.rebuild(({ processed: n, position, head }) => {
      process.stdout.write(`\rtickets ${bar(position, head)} ${n} events (position ${position} of ${head})`);
    });
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(processed / seconds) : processed;
    console.log(`\ntickets rebuilt from ${processed} events in ${seconds.toFixed(1)} s (${rate} events/s)`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
