import type { DataSource } from 'typeorm';
import type { TicketEvent } from '@escalade/domain';
import { EventStore } from '@escalade/event-store';
import { testDatabases } from '../testing/test-databases';
import { SlaSummaryQuery } from './sla-summary.query';
import { TicketsProjection } from './tickets.projection';
import { at, opened } from './testing/ticket-events.fixture';

const PARTNER_A = '0a1b2c3d-0000-4000-8000-00000000000a';
const PARTNER_B = '0a1b2c3d-0000-4000-8000-00000000000b';

/** The ticket as filed by this partner tenant (upper-case, as a request may give it). */
const filedBy = (partnerTenantId: string, events: TicketEvent[]): TicketEvent[] =>
  events.map((event) =>
    event.type === 'ServiceRequestReceived'
      ? { ...event, data: { ...event.data, partner: { ...event.data.partner, tenantId: partnerTenantId.toUpperCase() } } }
      : event,
  );

const closed = (targetMet: boolean | null): TicketEvent => ({
  type: 'ServiceRequestClosed',
  data: { outcome: targetMet === null ? 'refused' : 'resolved', targetMet, closedAt: at(50) },
});

describe.each(testDatabases())('SLA summary on $name', (database) => {
  let dataSource: DataSource;
  let summary: SlaSummaryQuery;

  beforeAll(async () => {
    dataSource = await database.open();
    const events = new EventStore(dataSource);
    // Every ticket partner A's, but `later` and `pending`, partner B's.
    const append = (ticketId: string, newEvents: TicketEvent[]) =>
      events.appendToStream(
        `ticket-${ticketId}`,
        filedBy(['later', 'pending'].includes(ticketId) ? PARTNER_B : PARTNER_A, newEvents).map((e, i) => ({ ...e, eventId: `${ticketId}:${i}` })),
      );
    await append('met', [...opened('met', 0, 'A'), { type: 'MicrosoftResponded', data: { respondedAt: at(5), late: false } }]);
    await append('closed-met', [...opened('closed-met', 1, 'A'), closed(true)]);
    await append('breached', [...opened('breached', 2, 'A'), { type: 'SlaBreached', data: { responseDueAt: at(32) } }]);
    await append('pending', opened('pending', 3, 'B'));
    const [received] = opened('refused', 4, 'B');
    await append('refused', [received, { type: 'EligibilityDecided', data: { decision: 'refused', reason: 'no' } }, closed(null)]);
    await append('cancelled', [...opened('cancelled', 5, 'C'), { type: 'ServiceRequestClosed', data: { outcome: 'cancelled', targetMet: true, closedAt: at(9) } }]);
    await append('later', opened('later', 40, 'C'));
    const projection = new TicketsProjection(dataSource);
    while ((await projection.catchUp()).read > 0);
    summary = new SlaSummaryQuery(dataSource);
  });
  afterAll(() => database.close(dataSource));

  it('counts met, breached, pending, cancelled and untargeted tickets per severity for the period', async () => {
    const result = await summary.summarize({ from: at(0), to: at(30), partners: 'all' });
    expect(result.bySeverity).toEqual([
      { severity: 'A', opened: 3, met: 2, breached: 1, pending: 0, cancelled: 0, noTarget: 0 },
      { severity: 'B', opened: 2, met: 0, breached: 0, pending: 1, cancelled: 0, noTarget: 1 },
      { severity: 'C', opened: 1, met: 0, breached: 0, pending: 0, cancelled: 1, noTarget: 0 },
    ]);
    expect(result.total).toEqual({ opened: 6, met: 2, breached: 1, pending: 1, cancelled: 1, noTarget: 1 });
  });

  it('includes the start of the period and excludes its end', async () => {
    const { total } = await summary.summarize({ from: at(3), to: at(40), partners: 'all' });
    expect(total).toEqual({ opened: 3, met: 0, breached: 0, pending: 1, cancelled: 1, noTarget: 1 });
  });

  it("counts only the tickets of the principal's partner tenants", async () => {
    const ofA = await summary.summarize({ from: at(0), to: at(60), partners: [PARTNER_A] });
    expect(ofA.bySeverity).toEqual([
      { severity: 'A', opened: 3, met: 2, breached: 1, pending: 0, cancelled: 0, noTarget: 0 },
      { severity: 'B', opened: 1, met: 0, breached: 0, pending: 0, cancelled: 0, noTarget: 1 },
      { severity: 'C', opened: 1, met: 0, breached: 0, pending: 0, cancelled: 1, noTarget: 0 },
    ]);
    const ofB = await summary.summarize({ from: at(0), to: at(60), partners: [PARTNER_B] });
    expect(ofB.bySeverity).toEqual([
      { severity: 'A', opened: 0, met: 0, breached: 0, pending: 0, cancelled: 0, noTarget: 0 },
      { severity: 'B', opened: 1, met: 0, breached: 0, pending: 1, cancelled: 0, noTarget: 0 },
      { severity: 'C', opened: 1, met: 0, breached: 0, pending: 1, cancelled: 0, noTarget: 0 },
    ]);
    const all = await summary.summarize({ from: at(0), to: at(60), partners: 'all' });
    expect((await summary.summarize({ from: at(0), to: at(60), partners: [PARTNER_A, PARTNER_B] })).total).toEqual(all.total);
    expect((await summary.summarize({ from: at(0), to: at(60), partners: [] })).total).toEqual({ opened: 0, met: 0, breached: 0, pending: 0, cancelled: 0, noTarget: 0 });
  });

  it('measures the period per severity: breach rate, time to first answer and to resolution, of one customer when asked', async () => {
    const { groups, total } = await summary.measure({ from: at(0), to: at(30), partners: 'all' }, 'severity');
    expect(groups.map((group) => [group.key, group.opened, group.withTarget, group.breached])).toEqual([
      ['A', 3, 3, 1],
      ['B', 2, 1, 0],
      ['C', 1, 1, 0],
    ]);
    // `met` answered 5 minutes after its filing at 09:00; `closed-met`, filed 09:01, closed at 09:50.
    expect(groups[0]).toMatchObject({ breachRate: 1 / 3, firstResponse: { count: 1, p50: 5, p90: 5 }, resolution: { count: 1, p50: 49, p90: 49 } });
    expect(total).toMatchObject({ opened: 6, withTarget: 5, breached: 1, breachRate: 0.2 });
    const ofContoso = await summary.measure({ from: at(0), to: at(60), partners: 'all', customer: 'CONTOSO.com' }, 'customer');
    expect(ofContoso.groups.map((group) => [group.key, group.opened])).toEqual([['contoso.com', 7]]);
    expect((await summary.measure({ from: at(0), to: at(60), partners: 'all', customer: 'fabrikam.com' }, 'customer')).total.opened).toBe(0);
  });
});
