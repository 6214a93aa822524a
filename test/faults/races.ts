import type { FaultSystem } from './fault-system';
import type { TicketPlan } from './ticket-observation';
import { awaitAnswerShown, closeAll, openFiled, planTicket, windowShare, type FiledTicket } from './ticket-steps';
import { play } from './timing';

export const RACES = {
  workerDownAtAnswer: 'race 1: answered in time while the worker is down',
  answerDuringOutage: 'race 2: answered in time while Temporal is down',
  lateAfterOutage: 'race 3: answered late after a Temporal outage',
  cancelAtOnce: 'race 4: cancelled right after opening',
} as const;

/**
 * The four races of the issue, staged on the tickets' own response windows. The simulator never
 * answers by itself here: the run answers through its testing endpoint at the planned moment.
 */
export async function runRaces(system: FaultSystem): Promise<TicketPlan[]> {
  const answer = (ticket: FiledTicket) => () => system.simulator.answerNow(ticket.handoff.microsoftTicketId);

  // A few at once: the cancellation is likelier to land while the first step (eligibility) is still running.
  const cancelled = [1, 2, 3].map((n) => planTicket(`race-4-cancel-${n}`, RACES.cancelAtOnce, 'A', { ending: 'cancelled' }));
  await Promise.all(
    cancelled.map(async (plan) => {
      await system.api.open(plan.id, plan.severity, plan.customerTenantId);
      await system.api.cancel(plan.id);
    }),
  );

  // Races 2 and 3 share one outage: Temporal killed at 55 % of the window, back at 125 %.
  const inTime = planTicket('race-2-outage-in-time', RACES.answerDuringOutage, 'A', { plannedLate: false });
  const late = planTicket('race-3-outage-late', RACES.lateAfterOutage, 'A', { plannedLate: true });
  const [inTimeTicket, lateTicket] = await Promise.all([openFiled(system, inTime), openFiled(system, late)]);
  await play([
    { at: windowShare(inTimeTicket, 0.55), act: () => system.crashTemporal() },
    { at: windowShare(inTimeTicket, 0.85), act: answer(inTimeTicket) },
    { at: windowShare(inTimeTicket, 1.25), act: () => system.restartTemporal() },
    { at: windowShare(lateTicket, 1.3), act: answer(lateTicket) },
  ]);
  await Promise.all([awaitAnswerShown(system, inTime), awaitAnswerShown(system, late)]);

  // Race 1: the worker killed shortly before the due time, Microsoft answering before it, the worker back after it.
  const workerDown = planTicket('race-1-worker-down', RACES.workerDownAtAnswer, 'A', { plannedLate: false });
  const ticket = await openFiled(system, workerDown);
  await play([
    { at: windowShare(ticket, 0.8), act: () => system.crashWorker() },
    { at: windowShare(ticket, 0.9), act: answer(ticket) },
    { at: windowShare(ticket, 1.1), act: () => system.restartWorker() },
  ]);
  await awaitAnswerShown(system, workerDown);

  const plans = [workerDown, inTime, late, ...cancelled];
  await closeAll(system, plans);
  return plans;
}
