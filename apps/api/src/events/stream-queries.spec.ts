import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { EventStore } from '@escalade/event-store';
import { eventStoreTestDatabases } from '@escalade/event-store/testing';
import type { TicketsQuery } from '@escalade/persistence';
import type { Principal } from '../auth/principal';
import type { LiveStreams } from '../shutdown/live-streams';
import { EventsController } from './events.controller';
import { HEAD_POLL_MS, LogHead } from './log-head';

const ADMIN = { partners: { all: true } } as Principal;
const AS_IS = { open: <T>(stream: T) => stream } as unknown as LiveStreams;
const IDLE_MS = 2_000;

describe.each(eventStoreTestDatabases())('/events/stream queries on $name', (database) => {
  let dataSource: DataSource;
  let store: EventStore;
  let head: LogHead;
  let controller: EventsController;

  beforeEach(async () => {
    dataSource = await database.open();
    store = new EventStore(dataSource);
    head = new LogHead(store, dataSource);
    head.onModuleInit();
    controller = new EventsController(store, {} as TicketsQuery, AS_IS, head);
  });
  afterEach(async () => {
    head.onModuleDestroy();
    await database.close(dataSource);
  });

  /** Opens `count` streams, then counts the event store's reads over an idle while; then one event arrives. */
  async function readsWith(count: number): Promise<{ heads: number; reads: number; received: number }> {
    const received: number[] = [];
    const subscriptions = [];
    for (let i = 0; i < count; i++) {
      const stream = await controller.stream(ADMIN, {} as Request, {});
      subscriptions.push(stream.subscribe(() => received.push(i)));
    }
    const spies = [jest.spyOn(store, 'headPosition'), jest.spyOn(store, 'readAll')];
    await new Promise((resolve) => setTimeout(resolve, 2 * HEAD_POLL_MS.sqlite)); // each stream's first read done
    spies.forEach((spy) => spy.mockClear());

    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const [heads, reads] = spies.map((spy) => spy.mock.calls.length);

    await store.appendToStream('ticket-x', [{ eventId: `e-${count}`, type: 'Noted', data: {} }]);
    const deadline = Date.now() + 5_000;
    while (received.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    subscriptions.forEach((subscription) => subscription.unsubscribe());
    spies.forEach((spy) => spy.mockRestore());
    return { heads, reads, received: received.length };
  }

  it('given 1 and then 200 idle streams, the database is read no more often with 200 than with 1, and each gets the next event', async () => {
    const polls = IDLE_MS / (database.name === 'postgres' ? HEAD_POLL_MS.postgres : HEAD_POLL_MS.sqlite);

    for (const count of [1, 200]) {
      const { heads, reads, received } = await readsWith(count);
      expect({ count, reads, received }).toEqual({ count, reads: 0, received: count });
      expect(heads).toBeLessThanOrEqual(polls + 1); // the one shared poll of the head, whatever the count
    }
  }, 30_000);
});
