import type { DataSource } from 'typeorm';
import { AppendNotifications } from './append-notifications';
import { EventStore } from './event-store';
import { anEvent, aStreamId } from './testing/fixtures';
import { eventStoreTestDatabases, type EventStoreTestDatabase } from './testing/event-store-test-databases';

const [postgres] = eventStoreTestDatabases().filter((database) => database.name === 'postgres');

// LISTEN/NOTIFY is PostgreSQL's: run where TEST_DATABASE_URL names one (CI does).
(postgres ? describe : describe.skip)(
  'AppendNotifications on PostgreSQL (TEST_DATABASE_URL)',
  () => {
    const database = postgres as EventStoreTestDatabase;
    let dataSource: DataSource;
    let writer: DataSource;

    beforeAll(async () => {
      dataSource = await database.open();
      writer = await database.openPeer(dataSource);
    });
    afterAll(async () => {
      await writer.destroy();
      await database.close(dataSource);
    });

    // The channel is database-wide: other specs appending at the same time may be heard too, hence "at least".
    it('hears an append committed by another connection, and once on connecting, and nothing after stop', async () => {
      let heard = 0;
      const notifications = new AppendNotifications(dataSource, () => (heard += 1));
      const until = async (count: number) => {
        for (const deadline = Date.now() + 5_000; heard < count && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 10));
      };
      notifications.start();
      await until(1);
      const connected = heard;

      await new EventStore(writer).appendToStream(aStreamId(), [anEvent('n-1')]);
      await until(connected + 1);
      const appended = heard;
      notifications.stop();
      await new EventStore(writer).appendToStream(aStreamId(), [anEvent('n-2')]);
      await new Promise((r) => setTimeout(r, 200));

      expect(connected).toBeGreaterThanOrEqual(1);
      expect(appended).toBeGreaterThan(connected);
      expect(heard).toBe(appended);
    });
  },
);

it('is for PostgreSQL only', () => {
  expect(() => new AppendNotifications({ options: { type: 'better-sqlite3' } } as DataSource, () => undefined)).toThrow(/PostgreSQL/);
});
