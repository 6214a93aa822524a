import { DEFAULT_FOLLOW_UP_POLICY, followUpDeadline, followUpSpan, followUpTargetAfter } from './follow-up-targets';
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
