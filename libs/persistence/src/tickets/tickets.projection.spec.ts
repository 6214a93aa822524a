import type { DataSource } from 'typeorm';
import type { TicketEvent } from '@escalade/domain';
import { EventStore } from '@escalade/event-store';
import { testDatabases } from '../testing/test-databases';
import { at, keyOf, opened } from './testing/ticket-events.fixture';
import { TicketRow } from './ticket-row.entity';
import { TicketsProjection } from './tickets.projection';
import { TicketsQuery } from './tickets.query';

const PARTNER_A = '0a1b2c3d-0000-4000-8000-00000000000a';
const PARTNER_B = '0a1b2c3d-0000-4000-8000-00000000000B';
const B = PARTNER_B.toLowerCase();
/** The partner of the fixture's tickets from before partner isolation. */
const LEGACY_PARTNER = 'p';
const A_T1 = keyOf(PARTNER_A, 'T1');
const A_T2 = keyOf(PARTNER_A, 'T2');
const A_T3 = keyOf(PARTNER_A, 'T3');
const B_T1 = keyOf(PARTNER_B, 'T1');

describe.each(testDatabases())('tickets projection on $name', (database) => {
  let dataSource: DataSource;
  let events: EventStore;
  let projection: TicketsProjection;
  let tickets: TicketsQuery;

  const append = (key: string, newEvents: TicketEvent[]) =>
    events.appendToStream(
      `ticket-${key}`,
      newEvents.map((e, i) => ({ ...e, eventId: `${key}:${Date.now()}:${i}:${Math.random()}` })),
    );
  const catchUpFully = async () => {
    while ((await projection.catchUp(3)).read > 0);
  };
  const allRows = () => dataSource.getRepository(TicketRow).find({ order: { key: 'ASC' } });

  beforeAll(async () => {
    dataSource = await database.open();
    events = new EventStore(dataSource);
    projection = new TicketsProjection(dataSource);
    tickets = new TicketsQuery(dataSource);

    await append(A_T1, opened('T1', 0, 'A', 'Contoso', PARTNER_A));
    await append(A_T2, opened('T2', 1, 'B', 'Litware', PARTNER_A));
    await catchUpFully(); // live, in small batches, while the tickets move on
    await append(A_T1, [
      { type: 'SlaBreached', data: { responseDueAt: at(30) } },
      { type: 'Escalated', data: { level: 1, audience: 'coordinators', raisedAt: at(30) } },
    ]);
    await append(A_T3, opened('T3', 2, 'C', 'Contoso', PARTNER_A));
    await append(B_T1, opened('T1', 0, 'B', 'Contoso', PARTNER_B)); // another partner's T1, opened the same minute
    await catchUpFully();
    await append(A_T2, [
      { type: 'MicrosoftResponded', data: { respondedAt: at(5), late: false } },
      { type: 'ServiceRequestClosed', data: { outcome: 'resolved', targetMet: true, closedAt: at(6) } },
    ]);
    await append('L1', opened('L1', 3, 'C')); // from before partner isolation: its stream is keyed by its id
    await catchUpFully();
  });
  afterAll(() => database.close(dataSource));

  it('keeps one row per ticket, keyed by its stream, current with its last event', async () => {
    const rows = await allRows();
    expect(rows.map((r) => [r.key, r.id, r.partnerTenantId, r.status, r.breached, r.escalationLevel, r.version])).toEqual([
      [A_T1, 'T1', PARTNER_A, 'awaiting-response', true, 1, 6],
      [A_T2, 'T2', PARTNER_A, 'closed', false, 0, 6],
      [A_T3, 'T3', PARTNER_A, 'awaiting-response', false, 0, 4],
      [B_T1, 'T1', B, 'awaiting-response', false, 0, 4],
      ['L1', 'L1', LEGACY_PARTNER, 'awaiting-response', false, 0, 4],
    ]);
    expect(await projection.checkpoint()).toBeGreaterThan(0);
  });

  it('rebuilds from the log to exactly the live result, reporting progress', async () => {
    const live = await allRows();
    const progress: number[] = [];
    const processed = await projection.rebuild(({ processed: n }) => progress.push(n), 4);
    expect(processed).toBe(24);
    expect(progress).toEqual([4, 8, 12, 16, 20, 24]);
    expect(await allRows()).toEqual(live);
  });

  it('filters by status, severity, customer, breached and due time', async () => {
    const ids = async (filters: Parameters<TicketsQuery['list']>[0]) =>
      (await tickets.list(filters, { limit: 10 }, [PARTNER_A])).items.map((t) => t.id);
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

  it("lists only the given partner tenants' tickets: every one's, some, or none", async () => {
    const keys = async (partners: Parameters<TicketsQuery['list']>[2], filters: Parameters<TicketsQuery['list']>[0] = {}) =>
      (await tickets.list(filters, { limit: 10 }, partners)).items.map((t) => t.key);
    expect(await keys([B])).toEqual([B_T1]);
    expect(await keys([PARTNER_A, B], { severity: ['B'] })).toEqual([A_T2, B_T1]);
    expect(await keys('all')).toEqual(['L1', A_T3, A_T2, B_T1, A_T1]);
    expect(await keys([])).toEqual([]);
    expect(await keys(['0a1b2c3d-0000-4000-8000-0000000000ff'])).toEqual([]);
  });

  it('pages newest first with a cursor, visiting every ticket once, ties in opening time broken by key', async () => {
    const first = await tickets.list({}, { limit: 2 }, 'all');
    expect(first.items.map((t) => t.key)).toEqual(['L1', A_T3]);
    const second = await tickets.list({}, { limit: 2, cursor: first.nextCursor! }, 'all');
    expect(second.items.map((t) => t.key)).toEqual([A_T2, B_T1]);
    const third = await tickets.list({}, { limit: 2, cursor: second.nextCursor! }, 'all');
    expect(third.items.map((t) => t.key)).toEqual([A_T1]);
    expect(third.nextCursor).toBeNull();
    await expect(tickets.list({}, { limit: 2, cursor: 'garbage' }, 'all')).rejects.toThrow('cursor is not one this API returned');
  });

  it("counts the tickets not closed by status and severity, every partner's", async () => {
    expect(await tickets.countOpen()).toEqual([
      { status: 'awaiting-response', severity: 'A', count: 1 },
      { status: 'awaiting-response', severity: 'B', count: 1 },
      { status: 'awaiting-response', severity: 'C', count: 2 },
    ]);
  });

  it("finds a ticket from before partner isolation by its id, among the given partner tenants' only", async () => {
    expect(await tickets.findUnscoped('L1', [LEGACY_PARTNER])).toEqual([{ key: 'L1', id: 'L1', partnerTenantId: LEGACY_PARTNER }]);
    expect(await tickets.findUnscoped('L1', 'all')).toEqual([{ key: 'L1', id: 'L1', partnerTenantId: LEGACY_PARTNER }]);
    expect(await tickets.findUnscoped('L1', [PARTNER_A])).toEqual([]);
    // A partner's ticket is found by its key only, never by its bare id.
    expect(await tickets.findUnscoped('T1', 'all')).toEqual([]);
  });
});
