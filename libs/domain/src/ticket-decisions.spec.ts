import { aServiceRequest } from './testing';
import { requestReceived, ticketClosed } from './ticket-decisions';
import { foldTicket } from './ticket-fold';
import type { TicketEvent } from './ticket-events';

const CLOSED_AT = new Date('2026-11-24T13:00:00.000Z');
const received = requestReceived(
  { id: 'INC-1', key: 'p~INC-1', policyVersion: 'v1', receivedAt: new Date('2026-11-24T09:00:00.000Z') },
  aServiceRequest({ severity: 'A' }),
);
const filed: TicketEvent[] = [
  received,
  { type: 'EligibilityDecided', data: { decision: 'eligible', reason: 'ok' } },
  { type: 'ResponseDueTimeSet', data: { severity: 'A', responseDueAt: '2026-11-24T11:00:00.000Z' } },
];

describe('requestReceived', () => {
  it('records what the request says of the ticket, its key and policy, and nothing of the contact', () => {
    expect(received.data).toMatchObject({ ticketId: 'INC-1', key: 'p~INC-1', severity: 'A', policyVersion: 'v1', receivedAt: '2026-11-24T09:00:00.000Z' });
    expect(JSON.stringify(received)).not.toContain(aServiceRequest().contact.email);
  });
});

describe('ticketClosed', () => {
  it('given an answer, when closed, then the target is met as the answer decided', () => {
    const answered = foldTicket([...filed, { type: 'MicrosoftResponded', data: { respondedAt: '2026-11-24T12:00:00.000Z', late: true } }]);
    expect(ticketClosed(answered, 'resolved', CLOSED_AT).data).toMatchObject({ targetMet: false, closedAt: CLOSED_AT.toISOString() });
  });

  it('given no answer, when closed, then met unless breached; without a due time, no target applied', () => {
    expect(ticketClosed(foldTicket(filed), 'resolved', CLOSED_AT).data.targetMet).toBe(true);
    expect(ticketClosed(foldTicket([...filed, { type: 'SlaBreached', data: { responseDueAt: 'x' } }]), 'resolved', CLOSED_AT).data.targetMet).toBe(false);
    expect(ticketClosed(foldTicket([received]), 'refused', CLOSED_AT).data.targetMet).toBeNull();
  });

  it("given a coordinator's closure, when closed, then its resolution and who closed it are recorded", () => {
    const by = { kind: 'user', name: 'Ada', objectId: 'o' } as const;
    expect(ticketClosed(foldTicket(filed), 'resolved', CLOSED_AT, { resolution: 'Fixed', closedBy: 'Ada L.', by }).data).toMatchObject({
      outcome: 'resolved',
      resolution: 'Fixed',
      closedBy: 'Ada L.',
      by,
    });
  });
});
