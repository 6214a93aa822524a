// Real databases for tests with every table of the application (ours and the event store's); see
// testDatabasesFor in @escalade/event-store/testing. .ci/run sets TEST_DATABASE_URL for the PostgreSQL half.
import { testDatabasesFor, type EventStoreTestDatabase } from '@escalade/event-store/testing';
import { ALL_MIGRATIONS, ENTITIES } from '../data-source-options';

export type TestDatabase = EventStoreTestDatabase;

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL names one. */
export function testDatabases(): TestDatabase[] {
  return testDatabasesFor({ entities: ENTITIES, migrations: ALL_MIGRATIONS });
}
