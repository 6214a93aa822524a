import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { foldTicket, ticketSummaryOf, type TicketEvent } from '@escalade/domain';
import { aTicketLife } from '@escalade/domain/testing';
import { EventStore } from '@escalade/event-store';
import { testDatabases } from '../testing/test-databases';
import { TicketRow } from './ticket-row.entity';
import { TicketsProjection } from './tickets.projection';

/** Several tickets' lives, their events interleaved in the order fast-check picks, and the projector's batch size. */
const aLog = (run: number) =>
  fc.record({
    lives: fc.tuple(...[1, 2, 3].map((n) => aTicketLife(`p~R${run}-T${n}`))),
    order: fc.array(fc.nat(2), { minLength: 40, maxLength: 40 }),
    batchSize: fc.integer({ min: 1, max: 7 }),
  });

describe.each(testDatabases())('the tickets read model against the fold, on $name', (database) => {
  let dataSource: DataSource;
  let events: EventStore;
  let projection: TicketsProjection;
  let run = 0;

  beforeAll(async () => {
    dataSource = await database.open();
    events = new EventStore(dataSource);
    projection = new TicketsProjection(dataSource);
  });
  afterAll(() => database.close(dataSource));

  const rows = (keys: string[]) => dataSource.getRepository(TicketRow).find({ where: keys.map((key) => ({ key })), order: { key: 'ASC' } });

  /** Appends the lives' events one by one in the given order (each stream keeps its own order), projecting as they come. */
  async function appendInterleaved(lives: TicketEvent[][], order: number[], batchSize: number): Promise<void> {
    const next = lives.map(() => 0);
    const keys = lives.map((life) => (life[0].data as { key: string }).key);
    for (let step = 0; next.some((n, i) => n < lives[i].length); step += 1) {
      const pick = [0, 1, 2].map((offset) => ((order[step % order.length] ?? 0) + offset) % lives.length).find((i) => next[i] < lives[i].length) as number;
      const version = (next[pick] += 1);
      await events.appendToStream(`ticket-${keys[pick]}`, [{ ...lives[pick][version - 1], eventId: `ticket-${keys[pick]}:${version}` }], {
        expectedStreamVersion: version - 1,
      });
      if (step % 3 === 0) await projection.catchUp(batchSize);
    }
    while ((await projection.catchUp(batchSize)).read > 0);
  }

  it('keeps, live, the row the workflow\'s fold gives each ticket, and a rebuild gives the same table', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constant(null).chain(() => aLog((run += 1))),
        async ({ lives, order, batchSize }) => {
          await appendInterleaved(lives, order, batchSize);
          const keys = lives.map((life) => (life[0].data as { key: string }).key).sort();
          const live = await rows(keys);
          expect(live.map((row) => ({ ...row }))).toEqual(
            lives
              .map((life) => ticketSummaryOf(foldTicket(life), life.length))
              .sort((a, b) => a.key.localeCompare(b.key))
              .map((summary) => expect.objectContaining(summary)),
          );
          await projection.rebuild(undefined, batchSize * 10);
          expect(await rows(keys)).toEqual(live);
        },
      ),
      { numRuns: 15 },
    );
  });
});
