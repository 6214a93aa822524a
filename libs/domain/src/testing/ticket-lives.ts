// Random but valid ticket lives for property tests of what folds ticket events.
import fc from 'fast-check';
import type { TicketEvent } from '../ticket-events';
import { aServiceRequestReceived } from './ticket-events.fixture';

const DUE_AT = '2026-11-24T11:00:01.000Z';
const handedOff: TicketEvent = {
  type: 'HandedOff',
  data: { portal: 'azure-portal', url: 'https://portal.azure.com', context: 'customer', microsoftTicketId: '42', filedAt: '2026-11-24T09:00:01.000Z' },
};
const dueTimeSet: TicketEvent = { type: 'ResponseDueTimeSet', data: { severity: 'A', responseDueAt: DUE_AT } };
const breached: TicketEvent = { type: 'SlaBreached', data: { responseDueAt: DUE_AT } };
const escalated = (level: number, raisedAt: string): TicketEvent => ({ type: 'Escalated', data: { level, audience: `level-${level}`, raisedAt } });
const responded = (respondedAt: string, late: boolean): TicketEvent => ({ type: 'MicrosoftResponded', data: { respondedAt, late } });

type FollowUpStep = 'breach' | 'late' | 'in-time' | 'ask' | 'reply' | 'retime' | 'microsoft-closed';

/**
 * The follow-up rounds after the first answer, one step at a time: a breach, a word (late or not), a question, our
 * reply, Microsoft closing its ticket.
 */
function followUps(steps: FollowUpStep[]): TicketEvent[] {
  const at = (minutes: number) => new Date(Date.parse('2026-11-24T12:00:00.000Z') + minutes * 60_000).toISOString();
  let round = 1;
  let target: 'microsoft-update' | 'partner-reply' = 'microsoft-update';
  const set = (minute: number): TicketEvent => ({ type: 'FollowUpTargetSet', data: { target, round, startsAt: at(minute), dueAt: at(minute + 60) } });
  const events: TicketEvent[] = [set(0)];
  steps.forEach((step, i) => {
    const minute = (i + 1) * 30;
    const answered = (late: boolean): TicketEvent => ({ type: 'FollowUpAnswered', data: { target, round, answeredAt: at(minute), late } });
    if (step === 'breach') events.push({ type: 'FollowUpBreached', data: { target, round, dueAt: at(minute) } });
    else if (step === 'retime') events.push(set(minute));
    else if (step === 'microsoft-closed') events.push({ type: 'MicrosoftStatusChanged', data: { status: 'closed', at: at(minute) } });
    else if (step === 'ask' && target === 'microsoft-update') {
      events.push(answered(false), { type: 'MicrosoftClockPaused', data: { pausedAt: at(minute) } });
      [round, target] = [round + 1, 'partner-reply'];
      events.push(set(minute));
    } else if (step === 'reply' && target === 'partner-reply') {
      events.push(answered(false), { type: 'MicrosoftClockResumed', data: { resumedAt: at(minute), pausedMs: 30 * 60_000 } });
      [round, target] = [round + 1, 'microsoft-update'];
      events.push(set(minute));
    } else if (step === 'late' || step === 'in-time') {
      events.push(answered(step === 'late'));
      round += 1;
      events.push(set(minute));
    }
  });
  return events;
}

/** A valid life of the ticket `key`, event by event, from choices fast-check makes: its whole stream. */
export const aTicketLife = (key: string): fc.Arbitrary<TicketEvent[]> =>
  fc
    .record({
      decision: fc.constantFrom('eligible', 'needs-access', 'refused', 'redirected'),
      accessGranted: fc.boolean(),
      blockages: fc.nat(2),
      rejected: fc.boolean(),
      severityChanges: fc.array(fc.constantFrom('A', 'B', 'C') as fc.Arbitrary<'A' | 'B' | 'C'>, { maxLength: 3 }),
      warned: fc.boolean(),
      breached: fc.boolean(),
      levels: fc.nat(3),
      answer: fc.constantFrom('none', 'in-time', 'late', 'in-time-corrected'),
      notes: fc.nat(2),
      followUps: fc.array(fc.constantFrom('breach', 'late', 'in-time', 'ask', 'reply', 'retime', 'microsoft-closed'), { maxLength: 6 }),
      closed: fc.boolean(),
    })
    .map((life): TicketEvent[] => {
      const events: TicketEvent[] = [aServiceRequestReceived(key.split('~')[1] ?? key, { key }), { type: 'EligibilityDecided', data: { decision: life.decision, reason: 'r' } }];
      const close = (outcome: 'resolved' | 'refused' | 'access-timed-out' | 'handoff-rejected', targetMet: boolean | null): TicketEvent[] =>
        life.closed || outcome !== 'resolved' ? [...events, { type: 'ServiceRequestClosed', data: { outcome, targetMet, closedAt: '2026-11-25T09:00:00.000Z' } }] : events;
      if (life.decision === 'refused' || life.decision === 'redirected') return close('refused', null);
      if (life.decision === 'needs-access') {
        events.push({ type: 'AzureAccessAwaited', data: { timesOutAt: '2026-12-01T09:00:00.000Z' } });
        if (!life.accessGranted) return close('access-timed-out', null);
        events.push({ type: 'AzureAccessGranted', data: {} });
      }
      for (let i = 0; i < life.blockages; i += 1) events.push({ type: 'HandoffBlocked', data: { reason: `blocked ${i}`, blockedAt: `2026-11-24T09:0${i}:00.000Z` } });
      if (life.rejected) {
        events.push({ type: 'HandoffRejected', data: { reason: 'unknown topic', status: 400 } });
        return close('handoff-rejected', null);
      }
      events.push(handedOff, dueTimeSet);
      let severity: 'A' | 'B' | 'C' = 'A';
      life.severityChanges.filter((to) => to !== severity).forEach((to, i) => {
        events.push({ type: 'SeverityChanged', data: { from: severity, to, reason: 'r', changedBy: 'c', responseDueAt: `2026-11-24T1${i + 2}:00:00.000Z` } });
        severity = to;
      });
      if (life.warned) events.push({ type: 'BreachWarningRaised', data: { responseDueAt: DUE_AT, warnedAt: '2026-11-24T10:30:00.000Z' } });
      if (life.breached || life.answer === 'in-time-corrected') {
        events.push(breached);
        for (let level = 1; level <= life.levels; level += 1) events.push(escalated(level, `2026-11-24T1${level + 1}:00:00.000Z`));
      }
      if (life.answer !== 'none') events.push(responded('2026-11-24T10:59:00.000Z', life.answer === 'late'));
      if (life.answer === 'in-time-corrected') {
        events.push({ type: 'SlaBreachCorrected', data: { respondedAt: '2026-11-24T10:59:00.000Z', responseDueAt: DUE_AT, correctedAt: '2026-11-24T11:00:01.000Z' } });
      }
      for (let i = 0; i < life.notes; i += 1) events.push({ type: 'MicrosoftNoteAdded', data: { text: `note ${i}`, by: 'Microsoft', at: '2026-11-24T12:00:00.000Z' } });
      if (life.answer !== 'none') events.push(...followUps(life.followUps));
      return close('resolved', life.answer === 'none' ? !life.breached : life.answer !== 'late');
    });
