import fc from 'fast-check';
import { aServiceRequestReceived, aTicketLife } from './testing';
import type { Ticket } from './ticket';
import type { TicketEvent } from './ticket-events';
import { evolveTicket, foldTicket } from './ticket-fold';
import { evolveTicketSummary, ticketSummaryOf, type TicketSummary } from './ticket-summary';

const FILED_AT = '2026-11-24T09:00:01.000Z';
const DUE_AT = '2026-11-24T11:00:01.000Z';
const received = aServiceRequestReceived('T-1', { key: 'p~T-1' });
const eligible: TicketEvent = { type: 'EligibilityDecided', data: { decision: 'eligible', reason: 'ok' } };
const handedOff: TicketEvent = {
  type: 'HandedOff',
  data: { portal: 'azure-portal', url: 'https://portal.azure.com', context: 'customer', supportPlan: 'Cloud Solution Provider', microsoftTicketId: '42', filedAt: FILED_AT },
};
const dueTimeSet: TicketEvent = { type: 'ResponseDueTimeSet', data: { severity: 'A', responseDueAt: DUE_AT } };
const breached: TicketEvent = { type: 'SlaBreached', data: { responseDueAt: DUE_AT } };
const escalated = (level: number, raisedAt: string): TicketEvent => ({ type: 'Escalated', data: { level, audience: `level-${level}`, raisedAt } });
const responded = (respondedAt: string, late: boolean): TicketEvent => ({ type: 'MicrosoftResponded', data: { respondedAt, late } });

/** Given the ticket's past events, when one more happens, then the ticket is… */
const given = (...past: TicketEvent[]) => ({
  when: (event: TicketEvent) => ({ then: (expected: Partial<Ticket>) => expect(evolveTicket(foldTicket(past), event)).toMatchObject(expected) }),
});

describe('evolveTicket', () => {
  it('opens the ticket from the request, checking eligibility', () => {
    expect(foldTicket([received])).toEqual({
      key: 'p~T-1',
      id: 'T-1',
      partnerTenantId: 'p',
      partner: 'Fabrikam',
      title: 'VMs down',
      product: 'azure',
      customer: 'Contoso',
      customerDomain: 'contoso.com',
      status: 'checking-eligibility',
      severity: 'A',
      policyVersion: 'v1',
      receivedAt: '2026-11-24T09:00:00.000Z',
      breached: false,
      escalationLevel: 0,
      escalations: [],
    });
  });

  it('goes to the filing once eligible, and waits for access when the reseller has none', () => {
    given(received).when(eligible).then({ status: 'handing-off', eligibility: { decision: 'eligible', reason: 'ok' } });
    given(received)
      .when({ type: 'EligibilityDecided', data: { decision: 'needs-access', reason: 'reseller' } })
      .then({ status: 'awaiting-access' });
    given(received, { type: 'EligibilityDecided', data: { decision: 'needs-access', reason: 'reseller' } })
      .when({ type: 'AzureAccessGranted', data: { grantedBy: 'Ada' } })
      .then({ status: 'handing-off', eligibility: { decision: 'eligible', reason: "The indirect provider granted access to the customer's Azure account" } });
  });

  it('stays checking eligibility when refused or redirected: the closure follows', () => {
    given(received).when({ type: 'EligibilityDecided', data: { decision: 'refused', reason: 'phone' } }).then({ status: 'checking-eligibility' });
  });

  it('keeps the first blockage of a filing until the ticket is filed, with the full target', () => {
    const blocked = (reason: string, blockedAt: string): TicketEvent => ({ type: 'HandoffBlocked', data: { reason, blockedAt } });
    given(received, eligible, blocked('401', '2026-11-24T09:00:02.000Z'))
      .when(blocked('403', '2026-11-24T09:05:00.000Z'))
      .then({ handoffBlocked: { reason: '401', since: '2026-11-24T09:00:02.000Z' } });
    const filed = evolveTicket(foldTicket([received, eligible, blocked('401', '2026-11-24T09:00:02.000Z')]), handedOff);
    expect(filed.handoffBlocked).toBeUndefined();
    expect(filed.handoff).toEqual(handedOff.data);
  });

  it('awaits the response by its due time once filed, and re-times it on a severity change', () => {
    given(received, eligible, handedOff).when(dueTimeSet).then({ status: 'awaiting-response', responseDueAt: DUE_AT });
    given(received, eligible, handedOff, dueTimeSet)
      .when({ type: 'SeverityChanged', data: { from: 'A', to: 'B', reason: 'workaround', changedBy: 'Ada', responseDueAt: '2026-11-24T13:00:01.000Z' } })
      .then({ severity: 'B', responseDueAt: '2026-11-24T13:00:01.000Z' });
  });

  it('marks the warning, the breach at the due time, and each ladder level when raised', () => {
    given(received, eligible, handedOff, dueTimeSet)
      .when({ type: 'BreachWarningRaised', data: { responseDueAt: DUE_AT, warnedAt: '2026-11-24T10:30:01.000Z' } })
      .then({ warnedAt: '2026-11-24T10:30:01.000Z', breached: false });
    given(received, eligible, handedOff, dueTimeSet).when(breached).then({ breached: true, breachedAt: DUE_AT });
    given(received, eligible, handedOff, dueTimeSet, breached, escalated(1, DUE_AT))
      .when(escalated(2, '2026-11-24T12:00:01.000Z'))
      .then({
        escalationLevel: 2,
        escalations: [
          { level: 1, audience: 'level-1', at: DUE_AT },
          { level: 2, audience: 'level-2', at: '2026-11-24T12:00:01.000Z' },
        ],
      });
  });

  it('takes the verdict with the answer: in time meets the target, late breaches even if no timer got there first', () => {
    given(received, eligible, handedOff, dueTimeSet)
      .when(responded('2026-11-24T10:00:00.000Z', false))
      .then({ status: 'responded', respondedAt: '2026-11-24T10:00:00.000Z', targetMet: true, breached: false });
    given(received, eligible, handedOff, dueTimeSet)
      .when(responded('2026-11-24T12:00:00.000Z', true))
      .then({ status: 'responded', targetMet: false, breached: true, breachedAt: DUE_AT });
  });

  it('withdraws a breach and its ladder level when the answer is shown to have come in time, keeping what was sent', () => {
    const corrected = evolveTicket(foldTicket([received, eligible, handedOff, dueTimeSet, breached, escalated(1, DUE_AT), responded('2026-11-24T11:00:00.000Z', false)]), {
      type: 'SlaBreachCorrected',
      data: { respondedAt: '2026-11-24T11:00:00.000Z', responseDueAt: DUE_AT, correctedAt: '2026-11-24T11:00:05.000Z' },
    });
    expect(corrected).toMatchObject({ breached: false, escalationLevel: 0, breachCorrectedAt: '2026-11-24T11:00:05.000Z', targetMet: true });
    expect(corrected.breachedAt).toBeUndefined();
    expect(corrected.escalations).toHaveLength(1);
  });

  it('closes with the outcome, resolution and verdict the closure carries', () => {
    given(received, eligible, handedOff, dueTimeSet)
      .when({ type: 'ServiceRequestClosed', data: { outcome: 'resolved', resolution: 'Fixed', targetMet: true, closedAt: '2026-11-24T10:00:00.000Z' } })
      .then({ status: 'closed', outcome: 'resolved', resolution: 'Fixed', targetMet: true, closedAt: '2026-11-24T10:00:00.000Z' });
  });

  describe('after the first answer (follow-up targets)', () => {
    const answered = [received, eligible, handedOff, dueTimeSet, responded('2026-11-24T10:00:00.000Z', false)];
    const target = (kind: 'microsoft-update' | 'partner-reply', round: number, startsAt: string, dueAt: string): TicketEvent => ({
      type: 'FollowUpTargetSet',
      data: { target: kind, round, startsAt, dueAt },
    });
    const first = target('microsoft-update', 1, '2026-11-24T10:00:00.000Z', '2026-11-24T14:00:00.000Z');

    it('runs the target set, with the marks its round raised; the same round again is re-timed, its marks kept', () => {
      const warned: TicketEvent = { type: 'FollowUpWarningRaised', data: { target: 'microsoft-update', round: 1, dueAt: '2026-11-24T14:00:00.000Z', warnedAt: '2026-11-24T13:00:00.000Z' } };
      given(...answered, first, warned)
        .when(target('microsoft-update', 1, '2026-11-24T10:00:00.000Z', '2026-11-24T18:00:00.000Z'))
        .then({ followUp: { target: 'microsoft-update', round: 1, startsAt: '2026-11-24T10:00:00.000Z', dueAt: '2026-11-24T18:00:00.000Z', warnedAt: '2026-11-24T13:00:00.000Z', breached: false, escalations: [] } });
    });

    it('counts a miss for a late word, breached or not, and for a breached round closed unanswered; none for a word in time', () => {
      const breachedRound: TicketEvent = { type: 'FollowUpBreached', data: { target: 'microsoft-update', round: 1, dueAt: '2026-11-24T14:00:00.000Z' } };
      const word = (late: boolean): TicketEvent => ({ type: 'FollowUpAnswered', data: { target: 'microsoft-update', round: 1, answeredAt: '2026-11-24T15:00:00.000Z', late } });
      const closed: TicketEvent = { type: 'ServiceRequestClosed', data: { outcome: 'resolved', targetMet: true, closedAt: '2026-11-24T16:00:00.000Z' } };
      const afterBreach = foldTicket([...answered, first, breachedRound, word(true)]);
      expect(afterBreach.followUpBreaches).toEqual({ 'microsoft-update': 1 });
      expect(afterBreach.followUp).toBeUndefined();
      expect(foldTicket([...answered, first, word(true)]).followUpBreaches).toEqual({ 'microsoft-update': 1 });
      expect(foldTicket([...answered, first, breachedRound]).followUpBreaches).toBeUndefined();
      expect(foldTicket([...answered, first, breachedRound, closed]).followUpBreaches).toEqual({ 'microsoft-update': 1 });
      expect(foldTicket([...answered, first, breachedRound, word(false), closed]).followUpBreaches).toBeUndefined();
    });

    it("records the pauses of Microsoft's clock, and takes the paused time out of the resolution time", () => {
      const paused: TicketEvent = { type: 'MicrosoftClockPaused', data: { pausedAt: '2026-11-24T10:00:01.000Z' } };
      const resumed: TicketEvent = { type: 'MicrosoftClockResumed', data: { resumedAt: '2026-11-24T11:30:01.000Z', pausedMs: 90 * 60_000 } };
      const closed: TicketEvent = { type: 'ServiceRequestClosed', data: { outcome: 'resolved', targetMet: true, closedAt: '2026-11-24T12:00:01.000Z' } };
      // Filed 09:00:01, closed 12:00:01: 3 h, of which 1 h 30 paused.
      given(...answered, paused, resumed).when(closed).then({ pauses: [{ from: '2026-11-24T10:00:01.000Z', to: '2026-11-24T11:30:01.000Z' }], resolutionMs: 90 * 60_000 });
      // Closed while still paused: the pause counts up to the closure.
      given(...answered, paused).when(closed).then({ resolutionMs: 60 * 60_000 });
      // Microsoft closed its ticket first (heard at 11:30:01): resolved then, whenever ours closes.
      const microsoftClosed: TicketEvent = { type: 'MicrosoftStatusChanged', data: { status: 'closed', at: '2026-11-24T11:30:01.000Z' } };
      given(...answered, microsoftClosed).when(closed).then({ resolutionMs: 150 * 60_000 });
    });
  });

  it('refuses an event that comes before ServiceRequestReceived', () => {
    expect(() => evolveTicket(undefined, breached)).toThrow(/SlaBreached before ServiceRequestReceived/);
  });
});

describe('the read model and the workflow fold the same ticket', () => {
  it('agree on every field the row keeps, whatever valid life the ticket had', () => {
    fc.assert(
      fc.property(aTicketLife('p~T-1'), (events) => {
        let row: TicketSummary | undefined;
        events.forEach((event, i) => (row = evolveTicketSummary(row, event, i + 1)));
        expect(row).toEqual(ticketSummaryOf(foldTicket(events), events.length));
      }),
      { numRuns: 500 },
    );
  });
});
