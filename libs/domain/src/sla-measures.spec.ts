import { measureSla, weekOf, type MeasuredTicket } from './sla-measures';

const MINUTE = 60_000;
/** A ticket filed at `openedAt`, with a target, nothing else happened yet. */
const aTicket = (overrides: Partial<MeasuredTicket> = {}): MeasuredTicket => ({
  openedAt: '2026-11-18T09:00:00.000Z',
  severity: 'A',
  product: 'azure',
  customerDomain: 'contoso.com',
  responseDueAt: '2026-11-18T11:00:00.000Z',
  breached: false,
  filedAt: '2026-11-18T09:00:00.000Z',
  respondedAt: null,
  resolutionMs: null,
  pausedMs: 0,
  pausedSince: null,
  updateMisses: 0,
  replyMisses: 0,
  ...overrides,
});
const answeredAfter = (minutes: number) => new Date(Date.parse('2026-11-18T09:00:00.000Z') + minutes * MINUTE).toISOString();

describe('measureSla', () => {
  it('given tickets of two severities, when grouped by severity, then each group has its breach rate and percentiles', () => {
    const tickets = [
      aTicket({ respondedAt: answeredAfter(30), resolutionMs: 240 * MINUTE }),
      aTicket({ respondedAt: answeredAfter(150), breached: true, resolutionMs: 600 * MINUTE, updateMisses: 2 }),
      aTicket({ severity: 'C', responseDueAt: null, filedAt: null }),
    ];
    const { groups, total } = measureSla(tickets, 'severity', '2026-11-25T00:00:00.000Z');
    expect(groups.map((group) => group.key)).toEqual(['A', 'C']);
    expect(groups[0]).toEqual({
      key: 'A',
      opened: 2,
      withTarget: 2,
      breached: 1,
      breachRate: 0.5,
      firstResponse: { count: 2, p50: 30, p90: 150 },
      resolution: { count: 2, p50: 240, p90: 600 },
      pausedMinutes: 0,
      updateMisses: 2,
      replyMisses: 0,
    });
    expect(groups[1]).toMatchObject({ opened: 1, withTarget: 0, breachRate: null, firstResponse: { count: 0, p50: null, p90: null } });
    expect(total).toMatchObject({ key: 'all', opened: 3, withTarget: 2, breached: 1, breachRate: 0.5 });
  });

  it('given pauses ended and one still running, when measured, then the running one counts up to the end of the report', () => {
    const tickets = [aTicket({ pausedMs: 90 * MINUTE }), aTicket({ pausedMs: 30 * MINUTE, pausedSince: '2026-11-18T10:00:00.000Z' })];
    expect(measureSla(tickets, 'customer', '2026-11-18T11:00:00.000Z').total.pausedMinutes).toBe(180);
  });

  it('given ten answers, when measured, then p90 is the ninth (nearest rank)', () => {
    const tickets = Array.from({ length: 10 }, (_, i) => aTicket({ respondedAt: answeredAfter(i + 1) }));
    expect(measureSla(tickets, 'product', '2026-11-25T00:00:00.000Z').total.firstResponse).toEqual({ count: 10, p50: 5, p90: 9 });
  });

  it('given tickets opened across a week boundary, when grouped by week, then each falls in its Monday-to-Sunday week', () => {
    const tickets = [aTicket({ openedAt: '2026-11-22T23:59:00.000Z' }), aTicket({ openedAt: '2026-11-23T00:00:00.000Z' })];
    expect(measureSla(tickets, 'week', '2026-11-30T00:00:00.000Z').groups.map((group) => [group.key, group.opened])).toEqual([
      ['2026-11-16', 1],
      ['2026-11-23', 1],
    ]);
  });
});

describe('weekOf', () => {
  it.each([
    ['2026-11-16T00:00:00.000Z', '2026-11-16'],
    ['2026-11-22T23:59:59.999Z', '2026-11-16'],
    ['2027-01-01T12:00:00.000Z', '2026-12-28'],
  ])('given %s, then its week starts on %s', (instant, monday) => {
    expect(weekOf(instant)).toBe(monday);
  });
});
