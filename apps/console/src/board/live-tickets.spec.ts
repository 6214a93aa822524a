import { aServiceRequestReceived, type TicketSummary } from '@escalade/domain';
import type { StreamedTicketEvent } from '../api/types';
import { applyStreamedEvent, mergeNewer, summaryFromTimeline, type Tickets } from './live-tickets';

const AT = '2026-03-02T10:00:00.000Z';

function streamed(ticketId: string, version: number, type: StreamedTicketEvent['type'], data: object): StreamedTicketEvent {
  return { streamId: `ticket-${ticketId}`, version, position: version, at: AT, type, summary: '', data };
}

const received = (ticketId: string) => {
  const { type, data } = aServiceRequestReceived(ticketId, { receivedAt: AT });
  return streamed(ticketId, 1, type, data);
};

const dueTimeSet = (ticketId: string, version: number) =>
  streamed(ticketId, version, 'ResponseDueTimeSet', { severity: 'A', responseDueAt: '2026-03-02T12:00:00.000Z' });

describe('the board kept current from the event stream', () => {
  it('adds a new ticket from its first event', () => {
    const { tickets, stale } = applyStreamedEvent({}, received('T-1'));
    expect(stale).toBeUndefined();
    expect(tickets['T-1']).toMatchObject({ id: 'T-1', status: 'checking-eligibility', customer: 'Contoso', version: 1 });
  });

  it('folds the next version of a known ticket, and ignores one already reflected', () => {
    const { tickets: one } = applyStreamedEvent({}, received('T-1'));
    const { tickets: two } = applyStreamedEvent(one, streamed('T-1', 2, 'EligibilityDecided', { decision: 'eligible', reason: 'ok' }));
    expect(two['T-1']).toMatchObject({ status: 'handing-off', version: 2 });
    expect(applyStreamedEvent(two, received('T-1'))).toEqual({ tickets: two });
  });

  it('names a ticket as stale after a gap in its versions, or when the board never saw it', () => {
    const { tickets } = applyStreamedEvent({}, received('T-1'));
    expect(applyStreamedEvent(tickets, dueTimeSet('T-1', 4))).toEqual({ tickets, stale: 'T-1' });
    expect(applyStreamedEvent(tickets, dueTimeSet('T-2', 4))).toEqual({ tickets, stale: 'T-2' });
  });

  it("ignores events of streams that are not tickets'", () => {
    const event = { ...received('T-1'), streamId: 'projection-x' };
    expect(applyStreamedEvent({}, event)).toEqual({ tickets: {} });
  });

  it('rebuilds a summary from a whole timeline', () => {
    const summary = summaryFromTimeline([
      received('T-1'),
      streamed('T-1', 2, 'EligibilityDecided', { decision: 'eligible', reason: 'ok' }),
      dueTimeSet('T-1', 3),
    ]);
    expect(summary).toMatchObject({ id: 'T-1', status: 'awaiting-response', responseDueAt: '2026-03-02T12:00:00.000Z', version: 3 });
    expect(summaryFromTimeline([])).toBeUndefined();
  });

  it('merges a loaded list, keeping what the stream already brought further', () => {
    const live = applyStreamedEvent({}, received('T-1')).tickets;
    const older = { ...live['T-1'], version: 0 } as TicketSummary;
    const other = { ...live['T-1'], id: 'T-2', version: 3 } as TicketSummary;
    const merged: Tickets = mergeNewer(live, [older, other]);
    expect(merged['T-1']).toBe(live['T-1']);
    expect(merged['T-2']).toBe(other);
    expect(mergeNewer(merged, [older])).toBe(merged);
  });
});
