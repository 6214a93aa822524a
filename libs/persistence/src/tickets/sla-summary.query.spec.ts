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
    const result = await summary.summarize(at(0), at(30), 'all');
    expect(result.bySeverity).toEqual([
      { severity: 'A', opened: 3, met: 2, breached: 1, pending: 0, cancelled: 0, noTarget: 0 },
      { severity: 'B', opened: 2, met: 0, breached: 0, pending: 1, cancelled: 0, noTarget: 1 },
      { severity: 'C', opened: 1, met: 0, breached: 0, pending: 0, cancelled: 1, noTarget: 0 },
    ]);
    expect(result.total).toEqual({ opened: 6, met: 2, breached: 1, pending: 1, cancelled: 1, noTarget: 1 });
  });

  it('includes the start of the period and excludes its end', async () => {
    const { total } = await summary.summarize(at(3), at(40), 'all');
    expect(total).toEqual({ opened: 3, met: 0, breached: 0, pending: 1, cancelled: 1, noTarget: 1 });
  });

  it("counts only the tickets of the principal's partner tenants", async () => {
    const ofA = await summary.summarize(at(0), at(60), [PARTNER_A]);
    expect(ofA.bySeverity).toEqual([
      { severity: 'A', opened: 3, met: 2, breached: 1, pending: 0, cancelled: 0, noTarget: 0 },
      { severity: 'B', opened: 1, met: 0, breached: 0, pending: 0, cancelled: 0, noTarget: 1 },
      { severity: 'C', opened: 1, met: 0, breached: 0, pending: 0, cancelled: 1, noTarget: 0 },
    ]);
    const ofB = await summary.summarize(at(0), at(60), [PARTNER_B]);
    expect(ofB.bySeverity).toEqual([
      { severity: 'A', opened: 0, met: 0, breached: 0, pending: 0, cancelled: 0, noTarget: 0 },
      { severity: 'B', opened: 1, met: 0, breached: 0, pending: 1, cancelled: 0, noTarget: 0 },
      { severity: 'C', opened: 1, met: 0, breached: 0, pending: 1, cancelled: 0, noTarget: 0 },
    ]);
    const all = await summary.summarize(at(0), at(60), 'all');
    expect((await summary.summarize(at(0), at(60), [PARTNER_A, PARTNER_B])).total).toEqual(all.total);
    expect((await summary.summarize(at(0), at(60), [])).total).toEqual({ opened: 0, met: 0, breached: 0, pending: 0, cancelled: 0, noTarget: 0 });
  });
});
