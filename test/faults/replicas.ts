import { Client } from 'pg';
import type { Severity } from '@escalade/domain';
import { ALL_MIGRATIONS } from '@escalade/persistence';
import { ANSWER_WITHIN_MS } from './fault-settings';
import type { FaultSystem } from './fault-system';
import { awaitAnswersShown, openSpread } from './mixed-load';
import type { TicketPlan } from './ticket-observation';
import { closeAll, planTicket } from './ticket-steps';
import { eventually, play } from './timing';

export const REPLICAS = 'replicas';

const SEVERITIES: readonly Severity[] = ['A', 'B'];
/** A stopped process has its grace time and this much more to exit on its own. */
const EXIT_MARGIN_MS = 15_000;
/** How soon readiness must follow Temporal going away and coming back. */
const READINESS_WITHIN_MS = 15_000;

/** Every migration applied once, by whichever worker took the lock first. */
async function checkMigratedOnce(system: FaultSystem): Promise<void> {
  const database = new Client({ connectionString: system.config.DATABASE_URL });
  await database.connect();
  try {
    const { rows } = await database.query<{ name: string; count: string }>('SELECT name, COUNT(*) AS count FROM migrations GROUP BY name');
    const applied = new Set(rows.map((row) => row.name));
    const missing = ALL_MIGRATIONS.map((migration) => migration.name).filter((name) => !applied.has(name));
    const twice = rows.filter((row) => Number(row.count) > 1).map((row) => row.name);
    if (missing.length > 0 || twice.length > 0) system.problems.push(`migrations missing: [${missing}], applied more than once: [${twice}]`);
  } finally {
    await database.end();
  }
}

/** SIGTERM to the first worker while its tickets are being filed and answered: it drains and exits, the other carries on. */
async function stopWorkerMidFlight(system: FaultSystem): Promise<void> {
  const grace = system.config.WORKER_SHUTDOWN_GRACE_MS;
  const { ending, clean, ms } = await system.workers[0].process.terminate(grace + EXIT_MARGIN_MS);
  system.drains.push(`worker stopped with SIGTERM mid-flight: exited (${ending}) after ${ms} ms (grace ${grace} ms)`);
  if (!clean) system.problems.push(`the worker stopped with SIGTERM ended (${ending}) after ${ms} ms`);
}

/** SIGTERM to the second API with a live event stream open on it: the stream ends, the API drains and exits. */
async function stopApiWithStreamOpen(system: FaultSystem): Promise<void> {
  const stream = await system.apis[1].http.stream('/events/stream');
  const ended = stream.text();
  const { ending, clean, ms } = await system.apiProcesses[1].terminate(EXIT_MARGIN_MS);
  system.drains.push(`API stopped with SIGTERM, an event stream open: exited (${ending}) after ${ms} ms`);
  if (!clean) system.problems.push(`the API stopped with SIGTERM ended (${ending}) after ${ms} ms`);
  await ended.then(
    () => system.drains.push('its open event stream ended'),
    (err: unknown) => system.problems.push(`its open event stream broke instead of ending: ${String(err)}`),
  );
}

/** Readiness of the remaining worker and API goes down with Temporal, naming it, and comes back with it. */
async function readinessFollowsTemporal(system: FaultSystem): Promise<void> {
  const probes = [system.workers[1].probes, system.api.http];
  const readiness = async (expected: number) => {
    const answers = await Promise.all(probes.map((probe) => probe.call<{ error?: Record<string, unknown> }>('GET', '/health/ready')));
    return answers.every(({ status, body }) => status === expected && (expected === 200 || !!body.error?.temporal)) || undefined;
  };
  await system.crashTemporal();
  await eventually('readiness down, naming Temporal', () => readiness(503), { timeoutMs: READINESS_WITHIN_MS }).catch(() =>
    system.problems.push(`readiness did not turn 503 naming Temporal within ${READINESS_WITHIN_MS} ms of Temporal going away`),
  );
  await system.restartTemporal();
  await eventually('readiness back', () => readiness(200), { timeoutMs: READINESS_WITHIN_MS }).catch(() =>
    system.problems.push(`readiness did not come back within ${READINESS_WITHIN_MS} ms of Temporal`),
  );
}

/**
 * Two APIs and two workers on one PostgreSQL database and one Temporal server, as replicas run: the workers started
 * together migrate once; `count` tickets are opened through both APIs; one worker is stopped with SIGTERM while they
 * are filed and answered, one API with a live stream open; Temporal goes away and comes back; every ticket is closed.
 */
export async function runReplicas(system: FaultSystem, count: number): Promise<TicketPlan[]> {
  await checkMigratedOnce(system);
  const windowMs = system.responseWindowMs('A');
  const latestAnswerMs = 3 * Math.max(...SEVERITIES.map((s) => system.responseWindowMs(s)));
  const plans = Array.from({ length: count }, (_, index) =>
    planTicket(`replica-${String(index + 1).padStart(4, '0')}`, REPLICAS, SEVERITIES[index % SEVERITIES.length]),
  );
  const startedAt = Date.now();
  await Promise.all([
    play([
      { at: startedAt + 0.4 * windowMs, act: () => stopWorkerMidFlight(system) },
      { at: startedAt + 1.1 * windowMs, act: () => stopApiWithStreamOpen(system) },
      { at: startedAt + 1.5 * windowMs, act: () => readinessFollowsTemporal(system) },
    ]),
    openSpread(system, plans, startedAt, windowMs),
    awaitAnswersShown(system, plans, startedAt + latestAnswerMs + ANSWER_WITHIN_MS),
  ]);
  await closeAll(system, plans);
  return plans;
}
