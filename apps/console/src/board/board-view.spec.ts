import type { TicketSummary } from '@escalade/domain';
import { aTicketSummary } from '@escalade/domain/testing';
import { NO_FILTERS, urgencyOf, visibleTickets } from './board-view';

const NOW = Date.parse('2026-03-02T10:00:00.000Z');
const minutesFromNow = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

function ticket(overrides: Partial<TicketSummary>): TicketSummary {
  return aTicketSummary({
    key: `22222222-2222-2222-2222-222222222222~${overrides.id ?? 'T'}`,
    partnerTenantId: '22222222-2222-2222-2222-222222222222',
    status: 'awaiting-response',
    customer: 'Contoso Ltd',
    microsoftTicketId: '1234',
    responseDueAt: minutesFromNow(60),
    openedAt: minutesFromNow(-60),
    filedAt: minutesFromNow(-60),
    version: 4,
    ...overrides,
  });
}

describe('urgencyOf', () => {
  it('marks a breached ticket, and one whose due time just passed before its breach is recorded', () => {
    expect(urgencyOf(ticket({ breached: true, status: 'responded' }), NOW)).toBe('breached');
    expect(urgencyOf(ticket({ responseDueAt: minutesFromNow(0) }), NOW)).toBe('breached');
  });

  it('marks a ticket at risk once its breach warning went out', () => {
    expect(urgencyOf(ticket({ responseDueAt: minutesFromNow(29) }), NOW)).toBe('on-track');
    expect(urgencyOf(ticket({ responseDueAt: minutesFromNow(29), warned: true }), NOW)).toBe('at-risk');
  });

  it('has nothing to say about a ticket not waiting for a response', () => {
    expect(urgencyOf(ticket({ status: 'handing-off', responseDueAt: null }), NOW)).toBe('none');
    expect(urgencyOf(ticket({ status: 'responded' }), NOW)).toBe('none');
  });
});

describe('visibleTickets', () => {
  const soon = ticket({ id: 'soon', responseDueAt: minutesFromNow(5) });
  const later = ticket({
    id: 'later',
    severity: 'B',
    responseDueAt: minutesFromNow(90),
    customer: 'Northwind',
    customerDomain: 'northwind.io',
  });
  const late = ticket({ id: 'late', breached: true, responseDueAt: minutesFromNow(-10) });
  const filing = ticket({ id: 'filing', status: 'handing-off', responseDueAt: null, openedAt: minutesFromNow(-1) });
  const answered = ticket({ id: 'answered', status: 'responded', openedAt: minutesFromNow(-2) });
  const closed = ticket({ id: 'closed', status: 'closed', outcome: 'resolved' });
  const all = [later, answered, closed, soon, filing, late];
  const ids = (tickets: TicketSummary[]) => tickets.map((t) => t.id);

  it('shows open tickets by time left, the least first, those without a running clock last and newest first', () => {
    expect(ids(visibleTickets(all, NO_FILTERS, 'ascending'))).toEqual(['late', 'soon', 'later', 'filing', 'answered']);
    expect(ids(visibleTickets(all, NO_FILTERS, 'descending'))).toEqual(['later', 'soon', 'late', 'filing', 'answered']);
  });

  it('filters by severity, status, breach and customer name or domain', () => {
    expect(ids(visibleTickets(all, { ...NO_FILTERS, severity: 'B' }, 'ascending'))).toEqual(['later']);
    expect(ids(visibleTickets(all, { ...NO_FILTERS, status: 'handing-off' }, 'ascending'))).toEqual(['filing']);
    expect(ids(visibleTickets(all, { ...NO_FILTERS, breachedOnly: true }, 'ascending'))).toEqual(['late']);
    expect(ids(visibleTickets(all, { ...NO_FILTERS, customer: ' NORTHWIND.io ' }, 'ascending'))).toEqual(['later']);
    expect(ids(visibleTickets(all, { ...NO_FILTERS, customer: 'north' }, 'ascending'))).toEqual(['later']);
  });
});
