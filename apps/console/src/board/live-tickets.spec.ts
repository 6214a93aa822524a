import type { TicketSummary } from '@escalade/domain';
import { aServiceRequestReceived } from '@escalade/domain/testing';
import type { StreamedTicketEvent } from '@escalade/contract';
import { applyStreamedEvent, mergeNewer, summaryFromTimeline, type Tickets } from './live-tickets';

const AT = '2026-03-02T10:00:00.000Z';
const PARTNER_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const PARTNER_B = 'bbbbbbbb-0000-4000-8000-000000000002';
const keyOf = (ticketId: string, partner = PARTNER_A) => `${partner}~${ticketId}`;

function streamed(key: string, version: number, type: StreamedTicketEvent['type'], data: object): StreamedTicketEvent {
  return { streamId: `ticket-${key}`, version, position: version, at: AT, type, summary: '', data };
}

const received = (ticketId: string, partner = PARTNER_A) => {
  const key = keyOf(ticketId, partner);
  const partnerOf = { tenantId: partner.toUpperCase(), name: 'Fabrikam' };
  const { type, data } = aServiceRequestReceived(ticketId, { key, receivedAt: AT, partner: partnerOf });
  return streamed(key, 1, type, data);
};

const dueTimeSet = (key: string, version: number) =>
  streamed(key, version, 'ResponseDueTimeSet', { severity: 'A', responseDueAt: '2026-03-02T12:00:00.000Z' });

describe('the board kept current from the event stream', () => {
  it("adds a new ticket from its first event, under its key, with its partner tenant", () => {
    const { tickets, stale } = applyStreamedEvent({}, received('T-1'));
    expect(stale).toBeUndefined();
    expect(tickets[keyOf('T-1')]).toMatchObject({
      key: keyOf('T-1'),
      id: 'T-1',
      partnerTenantId: PARTNER_A,
      status: 'checking-eligibility',
      customer: 'Contoso',
      version: 1,
    });
  });

  it("keeps two partner tenants' tickets of the same id apart", () => {
    const { tickets: one } = applyStreamedEvent({}, received('T-1', PARTNER_A));
    const { tickets: both } = applyStreamedEvent(one, received('T-1', PARTNER_B));
    expect(Object.keys(both).sort()).toEqual([keyOf('T-1', PARTNER_A), keyOf('T-1', PARTNER_B)]);
    expect(both[keyOf('T-1', PARTNER_B)]).toMatchObject({ id: 'T-1', partnerTenantId: PARTNER_B, version: 1 });
  });

  it('folds the next version of a known ticket, and ignores one already reflected', () => {
    const { tickets: one } = applyStreamedEvent({}, received('T-1'));
    const { tickets: two } = applyStreamedEvent(one, streamed(keyOf('T-1'), 2, 'EligibilityDecided', { decision: 'eligible', reason: 'ok' }));
    expect(two[keyOf('T-1')]).toMatchObject({ status: 'handing-off', version: 2 });
    expect(applyStreamedEvent(two, received('T-1'))).toEqual({ tickets: two });
  });

  it('names a ticket by its key as stale after a gap in its versions, or when the board never saw it', () => {
    const { tickets } = applyStreamedEvent({}, received('T-1'));
    expect(applyStreamedEvent(tickets, dueTimeSet(keyOf('T-1'), 4))).toEqual({ tickets, stale: keyOf('T-1') });
    expect(applyStreamedEvent(tickets, dueTimeSet(keyOf('T-2'), 4))).toEqual({ tickets, stale: keyOf('T-2') });
  });

  it("ignores events of streams that are not tickets'", () => {
    const event = { ...received('T-1'), streamId: 'projection-x' };
    expect(applyStreamedEvent({}, event)).toEqual({ tickets: {} });
  });

  it('rebuilds a summary from a whole timeline', () => {
    const summary = summaryFromTimeline([
      received('T-1'),
      streamed(keyOf('T-1'), 2, 'EligibilityDecided', { decision: 'eligible', reason: 'ok' }),
      dueTimeSet(keyOf('T-1'), 3),
    ]);
    expect(summary).toMatchObject({
      key: keyOf('T-1'),
      id: 'T-1',
      status: 'awaiting-response',
      responseDueAt: '2026-03-02T12:00:00.000Z',
      version: 3,
    });
    expect(summaryFromTimeline([])).toBeUndefined();
  });

  it('merges a loaded list by key, keeping what the stream already brought further', () => {
    const live = applyStreamedEvent({}, received('T-1')).tickets;
    const older = { ...live[keyOf('T-1')], version: 0 } as TicketSummary;
    const sameIdOtherPartner = { ...live[keyOf('T-1')], key: keyOf('T-1', PARTNER_B), partnerTenantId: PARTNER_B, version: 3 } as TicketSummary;
    const merged: Tickets = mergeNewer(live, [older, sameIdOtherPartner]);
    expect(merged[keyOf('T-1')]).toBe(live[keyOf('T-1')]);
    expect(merged[keyOf('T-1', PARTNER_B)]).toBe(sameIdOtherPartner);
    expect(mergeNewer(merged, [older])).toBe(merged);
  });
});
