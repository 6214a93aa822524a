// `npm run projections:replay-parked`: once a fix is deployed, folds the events the tickets projection parked
// again, ticket by ticket in stream order, removes those that now apply and lists those still parked.
// Exit code 0 when none is left, 1 when some are, 2 on an error. Uses the app's settings (DATA_DIR or DATABASE_URL).
import { DataSource } from 'typeorm';
import { ConfigError, loadAppConfig } from '@escalade/config';
import { dataSourceOptions, migrateSchema, ParkedEventsStore, TicketsProjection } from '@escalade/persistence';

const LISTED = 100;

async function main(): Promise<number> {
  const dataSource = new DataSource(dataSourceOptions(loadAppConfig()));
  await dataSource.initialize();
  try {
    await migrateSchema(dataSource);
    const { applied, remaining } = await new TicketsProjection(dataSource).replayParked();
    console.log(`${applied} parked event(s) applied, ${remaining} still parked`);
    for (const event of await new ParkedEventsStore(dataSource).list({ limit: LISTED })) {
      console.log(`  position ${event.position}: ${event.type}, version ${event.streamVersion} of ${event.streamId}: ${event.reason}`);
    }
    if (remaining > LISTED) console.log(`  … and ${remaining - LISTED} more (GET /projections/parked)`);
    return remaining === 0 ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(2);
  },
);
