import { DEFAULT_FOLLOW_UP_POLICY, followUpDeadline, followUpSpan, followUpTargetAfter, resolutionDueAt } from './follow-up-targets';
import type { Ticket } from './ticket';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from './sla-policy';

// 2026-11-20 is a Friday; the default calendar works Monday to Friday, 09:00–17:00 in the 'UTC' time zone.
const at = (iso: string) => new Date(iso);
const customer = { tenantId: '11111111-1111-1111-1111-111111111111', domain: 'contoso.com' };
const request = (severity: 'A' | 'B' | 'C') => ({ severity, customer });

describe('followUpDeadline', () => {
  it("given severity A, when Microsoft wrote on a Friday evening, then its next update is due 4 hours later, around the clock", () => {
    expect(followUpDeadline(at('2026-11-20T22:00:00Z'), 'microsoft-update', request('A'), DEFAULT_SLA_POLICY)).toEqual(at('2026-11-21T02:00:00Z'));
  });

  it('given severity B, when Microsoft wrote on a Friday afternoon, then its next update is due one business day later, on Monday', () => {
    expect(followUpDeadline(at('2026-11-20T15:00:00Z'), 'microsoft-update', request('B'), DEFAULT_SLA_POLICY)).toEqual(at('2026-11-23T15:00:00Z'));
  });

  it('given severity C, when Microsoft wrote on a Friday, then its next update is due three business days later', () => {
    expect(followUpDeadline(at('2026-11-20T10:00:00Z'), 'microsoft-update', request('C'), DEFAULT_SLA_POLICY)).toEqual(at('2026-11-25T10:00:00Z'));
  });

  it('given severity B, when Microsoft asks us at 16:00, then our reply is due after 4 business hours, the next morning', () => {
    expect(followUpDeadline(at('2026-11-19T16:00:00Z'), 'partner-reply', request('B'), DEFAULT_SLA_POLICY)).toEqual(at('2026-11-20T12:00:00Z'));
  });

  it('given a time scale, when computing, then the whole span is scaled', () => {
    const policy: SlaPolicy = { ...DEFAULT_SLA_POLICY, timeScale: 0.001 };
    expect(followUpDeadline(at('2026-11-20T22:00:00Z'), 'partner-reply', request('A'), policy)).toEqual(at('2026-11-20T22:00:03.600Z'));
  });

  it("given a policy carried by a ticket from before the targets, when computing, then the defaults apply", () => {
    const older: SlaPolicy = { ...DEFAULT_SLA_POLICY, followUp: undefined };
    expect(followUpSpan('microsoft-update', 'A', older)).toEqual(DEFAULT_FOLLOW_UP_POLICY.microsoftUpdate.A);
  });
});

describe('followUpTargetAfter', () => {
  it.each([
    ['attention_needed', 'partner-reply'],
    ['open', 'microsoft-update'],
    ['closed', undefined],
  ])("given Microsoft's status %s, then %s owes the word", (status, target) => {
    expect(followUpTargetAfter(status)).toBe(target);
  });
});

describe('resolutionDueAt', () => {
  const withTarget: SlaPolicy = { ...DEFAULT_SLA_POLICY, followUp: { ...DEFAULT_FOLLOW_UP_POLICY, resolution: { A: { minutes: 24 * 60 } } } };
  const filed = {
    severity: 'A',
    handoff: { portal: 'azure-portal', url: 'u', context: 'customer', microsoftTicketId: '1', filedAt: '2026-11-20T10:00:00.000Z' },
    pauses: [{ from: '2026-11-20T12:00:00.000Z', to: '2026-11-20T15:00:00.000Z' }],
  } as Ticket;

  it('given a 24 h target and 3 h paused, when computing, then it is due 27 h after the filing', () => {
    expect(resolutionDueAt(filed, { customer }, withTarget)).toEqual(at('2026-11-21T13:00:00Z'));
  });

  it('given no target for the severity, a pause running, or a ticket resolved or breached, then nothing is due', () => {
    expect(resolutionDueAt(filed, { customer }, DEFAULT_SLA_POLICY)).toBeUndefined();
    expect(resolutionDueAt({ ...filed, severity: 'B' }, { customer }, withTarget)).toBeUndefined();
    expect(resolutionDueAt({ ...filed, pauses: [{ from: '2026-11-20T12:00:00.000Z' }] }, { customer }, withTarget)).toBeUndefined();
    expect(resolutionDueAt({ ...filed, resolutionMs: 1 }, { customer }, withTarget)).toBeUndefined();
    expect(resolutionDueAt({ ...filed, resolutionBreached: true }, { customer }, withTarget)).toBeUndefined();
  });
});
