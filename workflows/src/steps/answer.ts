import { decideOnAnswer, timeFromSource } from '@escalade/domain';
import type { MicrosoftResponse } from '../definitions';
import type { Filing, TicketRun } from '../ticket/ticket-run';
import { breach, correctBreach, escalate } from './escalation';

/** Records Microsoft's first answer, if the wait ended on one, with the target's verdict. */
export async function recordAnswer(run: TicketRun, filing: Filing): Promise<void> {
  const { response, responseHeardAt } = run.inbox;
  if (!response || !responseHeardAt) return;
  await (filing.slaFromSource ? recordSourcedAnswer(run, response, responseHeardAt) : recordHeardAnswer(run, response, responseHeardAt));
}

/** The answer at the time it was heard of: tickets filed before `SLA_FROM_SOURCE_PATCH`. */
async function recordHeardAnswer(run: TicketRun, answer: MicrosoftResponse, heardAt: Date): Promise<void> {
  const respondedAt = heardAt.toISOString();
  await recordResponded(run, answer, respondedAt, respondedAt > (run.ticket.state.responseDueAt as string));
}

/**
 * The answer at Microsoft's own time: a breach that happened is recorded (late rather than never, with the ladder
 * levels due before the answer), one that did not is withdrawn; the target's verdict is known from now on.
 */
async function recordSourcedAnswer(run: TicketRun, answer: MicrosoftResponse, heardAt: Date): Promise<void> {
  const ticket = run.ticket.state;
  const filedAt = new Date(ticket.handoff?.filedAt as string);
  const responseDueAt = ticket.responseDueAt as string;
  const respondedAt = timeFromSource(answer.respondedAt, heardAt, filedAt);
  const verdict = decideOnAnswer(
    { respondedAt, filedAt, dueAt: new Date(responseDueAt), breached: ticket.breached, levelsRaised: ticket.escalations.length },
    run.policy,
  );
  if (verdict.recordBreach) await breach(run, responseDueAt);
  for (const level of verdict.levelsToRaise) {
    await escalate(run, level.level, level.audience, responseDueAt);
  }
  await recordResponded(run, answer, respondedAt.toISOString(), verdict.late);
  if (verdict.correctBreach) await correctBreach(run, respondedAt.toISOString(), responseDueAt);
}

async function recordResponded(run: TicketRun, { note, respondedBy, attentionNeeded, by }: MicrosoftResponse, respondedAt: string, late: boolean): Promise<void> {
  await run.raise(
    [{ type: 'MicrosoftResponded', data: { respondedAt, late, note, respondedBy, attentionNeeded, ...(by ? { by } : {}) } }],
    'response',
    () => `Microsoft ${attentionNeeded ? 'needs information on' : 'responded to'} ticket ${run.id}${late ? ' (late)' : ''}`,
    'after',
  );
}
