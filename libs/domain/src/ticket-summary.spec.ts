import type { TicketEvent } from './ticket-events';
import { aServiceRequestReceived } from './testing';
import { evolveTicketSummary, type TicketSummary } from './ticket-summary';

const received = aServiceRequestReceived('T-1');

/** Given these events, when folded from nothing, then this summary. */
const given = (...events: TicketEvent[]): TicketSummary => {
  let summary: TicketSummary | undefined;
  events.forEach((event, i) => (summary = evolveTicketSummary(summary, event, i + 1)));
  return summary as TicketSummary;
};

describe('evolveTicketSummary', () => {
  it('opens the summary from ServiceRequestReceived', () => {
    expect(given(received)).toEqual({
      key: 'T-1',
      id: 'T-1',
      partnerTenantId: 'p',
      status: 'checking-eligibility',
      title: 'VMs down',
      severity: 'A',
      product: 'azure',
      customer: 'Contoso',
      customerDomain: 'contoso.com',
      partner: 'Fabrikam',
      microsoftTicketId: null,
      responseDueAt: null,
      warned: false,
      breached: false,
      escalationLevel: 0,
      outcome: null,
      openedAt: '2026-11-24T09:00:00.000Z',
      closedAt: null,
      filedAt: null,
      respondedAt: null,
      updateMisses: 0,
      replyMisses: 0,
      followUpTarget: null,
      followUpRound: null,
      followUpDueAt: null,
      followUpBreached: false,
      pausedMs: 0,
      pausedSince: null,
      resolutionMs: null,
      version: 1,
    });
  });

  it("keys the summary by the event's key, and keeps the partner tenant lower-cased", () => {
    const partnerTenantId = '22222222-AAAA-2222-2222-222222222222';
    const summary = given(aServiceRequestReceived('T-1', { key: `${partnerTenantId.toLowerCase()}~T-1`, partner: { tenantId: partnerTenantId, name: 'Fabrikam' } }));

    expect(summary).toMatchObject({ key: '22222222-aaaa-2222-2222-222222222222~T-1', id: 'T-1', partnerTenantId: '22222222-aaaa-2222-2222-222222222222' });
  });

  it('follows a ticket through handoff, breach, escalation, a late answer and closure', () => {
    const summary = given(
      received,
      { type: 'EligibilityDecided', data: { decision: 'eligible', reason: 'ok' } },
      {
        type: 'HandedOff',
        data: { portal: 'azure-portal', url: 'u', context: 'customer', microsoftTicketId: '42', filedAt: '2026-11-24T09:00:01.000Z' },
      },
      { type: 'ResponseDueTimeSet', data: { severity: 'A', responseDueAt: '2026-11-24T11:00:01.000Z' } },
      { type: 'BreachWarningRaised', data: { responseDueAt: '2026-11-24T11:00:01.000Z', warnedAt: '2026-11-24T10:30:00.000Z' } },
      { type: 'SlaBreached', data: { responseDueAt: '2026-11-24T11:00:01.000Z' } },
      { type: 'Escalated', data: { level: 1, audience: 'coordinators', raisedAt: '2026-11-24T11:30:00.000Z' } },
      { type: 'Escalated', data: { level: 2, audience: 'duty-manager', raisedAt: '2026-11-24T11:30:00.000Z' } },
      { type: 'MicrosoftResponded', data: { respondedAt: '2026-11-24T12:00:00.000Z', late: true } },
      { type: 'ServiceRequestClosed', data: { outcome: 'resolved', targetMet: false, closedAt: '2026-11-24T13:00:00.000Z' } },
    );
    expect(summary).toMatchObject({
      status: 'closed',
      microsoftTicketId: '42',
      responseDueAt: '2026-11-24T11:00:01.000Z',
      warned: true,
      breached: true,
      escalationLevel: 2,
      outcome: 'resolved',
      closedAt: '2026-11-24T13:00:00.000Z',
      version: 10,
    });
  });

  it('takes the new severity and due time from SeverityChanged; a breach warning changes nothing', () => {
    const summary = given(
      received,
      { type: 'EligibilityDecided', data: { decision: 'eligible', reason: 'ok' } },
      { type: 'ResponseDueTimeSet', data: { severity: 'A', responseDueAt: '2026-11-24T11:00:00.000Z' } },
      { type: 'BreachWarningRaised', data: { responseDueAt: '2026-11-24T11:00:00.000Z', warnedAt: '2026-11-24T10:30:00.000Z' } },
      {
        type: 'SeverityChanged',
        data: { from: 'A', to: 'C', reason: 'workaround', changedBy: 'coordinator', responseDueAt: '2026-11-24T17:00:00.000Z' },
      },
    );
    expect(summary).toMatchObject({ severity: 'C', responseDueAt: '2026-11-24T17:00:00.000Z', breached: false, version: 5 });
  });

  it('waits for access, then hands off once it is granted', () => {
    const waiting = given(
      received,
      { type: 'EligibilityDecided', data: { decision: 'needs-access', reason: 'reseller' } },
      { type: 'AzureAccessAwaited', data: { timesOutAt: '2026-12-01T09:00:00.000Z' } },
    );
    expect(waiting.status).toBe('awaiting-access');
    expect(evolveTicketSummary(waiting, { type: 'AzureAccessGranted', data: {} }, 4).status).toBe('handing-off');
  });

  it('closes a refused request with its outcome', () => {
    const summary = given(
      received,
      { type: 'EligibilityDecided', data: { decision: 'refused', reason: 'phone' } },
      { type: 'ServiceRequestClosed', data: { outcome: 'refused', targetMet: null, closedAt: '2026-11-24T09:00:02.000Z' } },
    );
    expect(summary).toMatchObject({ status: 'closed', outcome: 'refused', responseDueAt: null });
  });

  it('closes a ticket whose filing Microsoft rejected, never filed and without a due time', () => {
    const summary = given(
      received,
      { type: 'EligibilityDecided', data: { decision: 'eligible', reason: 'ok' } },
      { type: 'HandoffRejected', data: { reason: 'SupportTopicId: unknown', status: 400, code: 400 } },
      { type: 'ServiceRequestClosed', data: { outcome: 'handoff-rejected', targetMet: null, closedAt: '2026-11-24T09:00:02.000Z' } },
    );
    expect(summary).toMatchObject({ status: 'closed', outcome: 'handoff-rejected', microsoftTicketId: null, responseDueAt: null, version: 4 });
  });

  it('refuses an event that comes before ServiceRequestReceived', () => {
    expect(() => evolveTicketSummary(undefined, { type: 'SlaBreached', data: { responseDueAt: 'x' } }, 1)).toThrow(
      /SlaBreached before ServiceRequestReceived/,
    );
  });

  it('withdraws a breach and its escalation level when Microsoft is shown to have answered in time', () => {
    const summary = given(
      received,
      { type: 'EligibilityDecided', data: { decision: 'eligible', reason: 'ok' } },
      { type: 'ResponseDueTimeSet', data: { severity: 'A', responseDueAt: '2026-11-24T11:00:00.000Z' } },
      { type: 'SlaBreached', data: { responseDueAt: '2026-11-24T11:00:00.000Z' } },
      { type: 'Escalated', data: { level: 1, audience: 'coordinators', raisedAt: '2026-11-24T11:30:00.000Z' } },
      { type: 'MicrosoftResponded', data: { respondedAt: '2026-11-24T10:59:54.200Z', late: false } },
      {
        type: 'SlaBreachCorrected',
        data: { respondedAt: '2026-11-24T10:59:54.200Z', responseDueAt: '2026-11-24T11:00:00.000Z', correctedAt: '2026-11-24T11:00:03.000Z' },
      },
    );
    expect(summary).toMatchObject({ status: 'responded', breached: false, escalationLevel: 0, version: 7 });
  });
});
