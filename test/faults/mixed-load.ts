import type { Severity } from '@escalade/domain';
import { ANSWER_WITHIN_MS } from './fault-settings';
import type { FaultSystem } from './fault-system';
import type { TicketPlan } from './ticket-observation';
import { closeAll, inBatches, planTicket, recordIfAnswered } from './ticket-steps';
import { play, sleep, sleepUntil, type Step } from './timing';

export const MIXED_LOAD = 'mixed load';

const SEVERITIES: readonly Severity[] = ['A', 'B'];
/** The simulator's late answers come at up to twice the response window. */
const LATEST_ANSWER_IN_WINDOWS = 2;

interface Crash {
  /** When, in severity A's windows from the start of the load. */
  at: number;
  process: 'worker' | 'temporal';
  /** How long it stays down, in A's windows. */
  downFor: number;
}

// Spread over the openings (the first window) and the due times of A (windows 1-2) and B (2-3).
const CRASHES: readonly Crash[] = [
  { at: 0.5, process: 'worker', downFor: 0.25 },
  { at: 1.3, process: 'temporal', downFor: 0.35 },
  { at: 2.1, process: 'worker', downFor: 0.25 },
  { at: 2.9, process: 'temporal', downFor: 0.35 },
];

function crashSteps(system: FaultSystem, startedAt: number, windowMs: number): Step[] {
  return CRASHES.flatMap(({ at, process, downFor }) => [
    { at: startedAt + at * windowMs, act: () => (process === 'worker' ? system.crashWorker() : system.crashTemporal()) },
    { at: startedAt + (at + downFor) * windowMs, act: () => (process === 'worker' ? system.restartWorker() : system.restartTemporal()) },
  ]);
}

/** Opens the tickets evenly over the first window, through each API in turn, each retried while a server is down. */
export async function openSpread(system: FaultSystem, plans: readonly TicketPlan[], startedAt: number, windowMs: number): Promise<void> {
  const gapMs = windowMs / plans.length;
  await inBatches(plans.map((plan, index) => ({ plan, index, at: startedAt + index * gapMs })), 16, async ({ plan, index, at }) => {
    await sleepUntil(at);
    await system.apis[index % system.apis.length].open(plan.id, plan.severity, plan.customerTenantId);
  });
}

/**
 * Waits until the read model shows each ticket answered (Microsoft answers on its own schedule), keeping each
 * ticket as the API shows it then; gives up at `until`.
 */
export async function awaitAnswersShown(system: FaultSystem, plans: readonly TicketPlan[], until: number): Promise<void> {
  const waiting = new Map(plans.map((plan) => [plan.id, plan]));
  while (waiting.size > 0 && Date.now() < until) {
    const rows = await system.api.rows().catch(() => new Map());
    const answered = [...waiting.values()].filter((plan) => rows.get(plan.id)?.status === 'responded');
    await inBatches(answered, 8, async (plan) => {
      const ticket = await system.api.ticket(plan.id).catch(() => undefined);
      if (ticket && recordIfAnswered(plan, ticket)) waiting.delete(plan.id);
    });
    await sleep(1_000);
  }
}

/**
 * `count` tickets of severities A and B opened over one window of A, Microsoft (the simulator) answering each on its
 * own schedule, in time or late; meanwhile the worker and Temporal are each killed twice and restarted. Then every
 * ticket is closed.
 */
export async function runMixedLoad(system: FaultSystem, count: number): Promise<TicketPlan[]> {
  const windowMs = system.responseWindowMs('A');
  const latestAnswerMs = windowMs + LATEST_ANSWER_IN_WINDOWS * Math.max(...SEVERITIES.map((s) => system.responseWindowMs(s)));
  const plans = Array.from({ length: count }, (_, index) =>
    planTicket(`mixed-${String(index + 1).padStart(4, '0')}`, MIXED_LOAD, SEVERITIES[index % SEVERITIES.length]),
  );
  const startedAt = Date.now();
  await Promise.all([
    play(crashSteps(system, startedAt, windowMs)),
    openSpread(system, plans, startedAt, windowMs),
    awaitAnswersShown(system, plans, startedAt + latestAnswerMs + ANSWER_WITHIN_MS),
  ]);
  await closeAll(system, plans);
  return plans;
}
