import Database from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import { evolveTicketSummary } from '@escalade/domain';
import { EventStore } from '@escalade/event-store';
import { testDatabases } from '../testing/test-databases';
import { keyOf, opened } from './testing/ticket-events.fixture';
import { TicketRow } from './ticket-row.entity';
import { TicketsProjection } from './tickets.projection';

const PARTNER = '0a1b2c3d-0000-4000-8000-00000000000a';
const [sqlite] = testDatabases(); // SQLite always comes first

describe('tickets projection on SQLite beside another process writing the same file', () => {
  let dataSource: DataSource;
  let otherProcess: Database.Database;

  beforeAll(async () => {
    dataSource = await sqlite.open();
    // Another process's connection (the API's): it does not wait for a lock, so its attempt shows who holds it.
    otherProcess = new Database(dataSource.options.database as string, { timeout: 0 });
  });
  afterAll(async () => {
    otherProcess.close();
    await sqlite.close(dataSource);
  });

  it('catches up although the other process writes while the batch is being folded: it took the write lock first', async () => {
    const key = keyOf(PARTNER, 'T1');
    const life = opened('T1', 0, 'A', 'Contoso', PARTNER);
    await new EventStore(dataSource).appendToStream(`ticket-${key}`, life.map((event, i) => ({ ...event, eventId: `${key}:${i}` })));
    const writes: string[] = [];
    const projection = new TicketsProjection(dataSource, (summary, event, version) => {
      try {
        otherProcess.prepare("INSERT INTO projection_checkpoints (name, position) VALUES ('other-process', ?)").run(version);
        writes.push('committed');
      } catch (err) {
        writes.push((err as { code?: string }).code ?? String(err));
      }
      return evolveTicketSummary(summary, event, version);
    });

    await expect(projection.catchUp()).resolves.toMatchObject({ read: life.length, parked: [] });
    expect(writes).toEqual(life.map(() => 'SQLITE_BUSY'));
    expect(await dataSource.getRepository(TicketRow).findOneByOrFail({ key })).toMatchObject({ id: 'T1', version: life.length });
  });
});
