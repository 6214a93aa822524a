import type { DataSource } from 'typeorm';
import type { TicketEvent } from '@escalade/domain';
import { EventStore } from '@escalade/event-store';
import { testDatabases } from '../testing/test-databases';
import { at, opened } from './testing/ticket-events.fixture';
import { TicketRow } from './ticket-row.entity';
import { TicketsProjection } from './tickets.projection';
import { TicketsQuery } from './tickets.query';

describe.each(testDatabases())('tickets projection on $name', (database) => {
  let dataSource: DataSource;
  let events: EventStore;
  let projection: TicketsProjection;
  let tickets: TicketsQuery;

  const append = (ticketId: string, newEvents: TicketEvent[]) =>
    events.appendToStream(
      `ticket-${ticketId}`,
      newEvents.map((e, i) => ({ ...e, eventId: `${ticketId}:${Date.now()}:${i}:${Math.random()}` })),
    );
  const catchUpFully = async () => {
    while ((await projection.catchUp(3)).read > 0);
  };
  const allRows = () => dataSource.getRepository(TicketRow).find({ order: { id: 'ASC' } });

  beforeAll(async () => {
    dataSource = await database.open();
    events = new EventStore(dataSource);
    projection = new TicketsProjection(dataSource);
    tickets = new TicketsQuery(dataSource);

    await append('T1', opened('T1', 0, 'A'));
    await append('T2', opened('T2', 1, 'B', 'Litware'));
    await catchUpFully(); // live, in small batches, while the tickets move on
    await append('T1', [
      { type: 'SlaBreached', data: { responseDueAt: at(30) } },
      { type: 'Escalated', data: { level: 1, audience: 'coordinators' } },
    ]);
    await append('T3', opened('T3', 2, 'C'));
    await catchUpFully();
    await append('T2', [
      { type: 'MicrosoftResponded', data: { respondedAt: at(5), late: false } },
      { type: 'ServiceRequestClosed', data: { outcome: 'resolved', targetMet: true, closedAt: at(6) } },
    ]);
    await catchUpFully();
  });
  afterAll(() => database.close(dataSource));

  it('keeps one row per ticket, current with its last event', async () => {
    const rows = await allRows();
    expect(rows.map((r) => [r.id, r.status, r.breached, r.escalationLevel, r.version])).toEqual([
      ['T1', 'awaiting-response', true, 1, 6],
      ['T2', 'closed', false, 0, 6],
      ['T3', 'awaiting-response', false, 0, 4],
    ]);
    expect(await projection.checkpoint()).toBeGreaterThan(0);
  });

  it('rebuilds from the log to exactly the live result, reporting progress', async () => {
    const live = await allRows();
    const progress: number[] = [];
    const processed = await projection.rebuild(({ processed: n }) => progress.push(n), 4);
    expect(processed).toBe(16);
    expect(progress).toEqual([4, 8, 12, 16]);
    expect(await allRows()).toEqual(live);
  });

  it('filters by status, severity, customer, breached and due time', async () => {
    const ids = async (filters: Parameters<TicketsQuery['list']>[0]) =>
      (await tickets.list(filters, { limit: 10 })).items.map((t) => t.id);
    expect(await ids({ status: ['awaiting-response'] })).toEqual(['T3', 'T1']);
    expect(await ids({ severity: ['A', 'B'] })).toEqual(['T2', 'T1']);
    expect(await ids({ customer: 'Litware' })).toEqual(['T2']);
    expect(await ids({ customer: 'contoso.com' })).toEqual(['T3', 'T1']);
    expect(await ids({ breached: true })).toEqual(['T1']);
    expect(await ids({ breached: false, status: ['awaiting-response'] })).toEqual(['T3']);
    expect(await ids({ dueBefore: at(31) })).toEqual(['T1']);
    expect(await ids({ dueBefore: at(32) })).toEqual(['T2', 'T1']);
    expect(await ids({ product: ['office365'] })).toEqual([]);
  });

  it('pages newest first with a cursor, visiting every ticket once', async () => {
    const first = await tickets.list({}, { limit: 2 });
    expect(first.items.map((t) => t.id)).toEqual(['T3', 'T2']);
    expect(first.nextCursor).not.toBeNull();
    const second = await tickets.list({}, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((t) => t.id)).toEqual(['T1']);
    expect(second.nextCursor).toBeNull();
    await expect(tickets.list({}, { limit: 2, cursor: 'garbage' })).rejects.toThrow('cursor is not one this API returned');
  });
});
