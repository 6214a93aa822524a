import path from 'node:path';
import type { TicketRow } from './escalade-api';
import { FaultSystem, type FaultSystemOptions } from './fault-system';
import { loggedErrors } from './logged-errors';
import { observeTicket, type TicketObservation, type TicketPlan } from './ticket-observation';
import { inBatches } from './ticket-steps';
import { eventually } from './timing';
import { WebhookSink } from './webhook-sink';

/** What one phase saw: its tickets, the crashes it caused, and anything that went wrong beside the tickets. */
export interface PhaseResult {
  name: string;
  wallMs: number;
  observations: TicketObservation[];
  kills: FaultSystem['kills'];
  restartMs: FaultSystem['restartMs'];
  /** Each process stopped with SIGTERM: how it drained. */
  drains: string[];
  /** A process that died without being killed, a run that could not finish, workflows that never ended. */
  problems: string[];
  webhook: { received: number; repeated: number };
  /** The system's temporary folder: its SQLite files and each process's log. */
  dataDir: string;
}

const SETTLE_TIMEOUT_MS = 60_000;

const RUNNING = "ExecutionStatus = 'Running'";

/** Once closed, each ticket's workflow records its closure and sends its alerts, and the read model follows. */
async function settle(system: FaultSystem, plans: readonly TicketPlan[], problems: string[]): Promise<Map<string, TicketRow>> {
  await eventually('every ticket workflow finishing', async () => (await system.countWorkflows(RUNNING)) === 0 || undefined, {
    timeoutMs: SETTLE_TIMEOUT_MS,
  }).catch(async () => problems.push(`${await system.countWorkflows(RUNNING)} workflow(s) still running ${SETTLE_TIMEOUT_MS / 1000} s after the last close`));
  const allClosed = async () => {
    const rows = await system.api.rows();
    return plans.every((plan) => rows.get(plan.id)?.status === 'closed') ? rows : undefined;
  };
  // A ticket the read model never shows closed is one of the checks' mismatches, not a reason to stop.
  return eventually('the read model showing every ticket closed', allClosed, { timeoutMs: 15_000 }).catch(() => system.api.rows());
}

/** Starts a fresh system, runs `scenario` on it, reads every ticket back, and stops it. */
export async function runPhase(
  name: string,
  options: FaultSystemOptions,
  scenario: (system: FaultSystem) => Promise<TicketPlan[]>,
): Promise<PhaseResult> {
  const startedAt = Date.now();
  const sink = await WebhookSink.start();
  const system = await FaultSystem.start(options);
  const problems: string[] = [];
  const observations: TicketObservation[] = [];
  try {
    await system.api.subscribeToAlerts(sink.url);
    const plans = await scenario(system);
    const rows = await settle(system, plans, problems);
    await inBatches(plans, 8, async (plan) => {
      observations.push(await observeTicket(system, plan, rows));
    });
  } catch (err) {
    problems.push(`the run stopped: ${(err as Error).stack ?? err}`);
  } finally {
    problems.push(...system.unplannedExits, ...system.problems);
    await system.stop();
    sink.close();
  }
  if (problems.length > 0) problems.push(...loggedErrors(path.join(system.config.DATA_DIR, 'logs')));
  observations.sort((a, b) => a.plan.id.localeCompare(b.plan.id));
  return {
    name,
    wallMs: Date.now() - startedAt,
    observations,
    kills: system.kills,
    restartMs: system.restartMs,
    drains: system.drains,
    problems,
    webhook: { received: sink.received, repeated: sink.repeated },
    dataDir: system.config.DATA_DIR,
  };
}
