// `npm run test:faults`: crashes Escalade's processes (kill -9 of the worker and of the Temporal dev server) at chosen
// moments while real tickets wait for Microsoft, then checks every ticket's record. Three phases, each on a fresh
// system started as `npm start` starts it: the four races of the issue, staged on the tickets' own windows; a mixed
// load answered by the simulator on its own schedule; and replicas (two APIs, two workers, one PostgreSQL database),
// one worker and one API stopped with SIGTERM mid-flight. Exits 1 on any mismatch.
import * as fs from 'node:fs';
import { printReport } from './fault-report';
import { runPhase, type PhaseResult } from './fault-phase';
import { runMixedLoad, MIXED_LOAD } from './mixed-load';
import { runRaces } from './races';
import { REPLICAS, runReplicas } from './replicas';
import { withFreshDatabase } from './fresh-database';
import { KEEP_DATA, LATE_PROBABILITY, PHASES, POSTGRES_URL, REPLICA_TICKETS, SEED, TICKETS, TIME_SCALE } from './fault-settings';

async function main(): Promise<number> {
  const startedAt = Date.now();
  const phases: PhaseResult[] = [];
  if (PHASES.includes('races')) {
    // SIMULATOR_TIME_SCALE 1: Microsoft would answer on its own after 24 minutes at the earliest, never in the run.
    const simulator = { SIMULATOR_TIME_SCALE: '1', SIMULATOR_SEED: SEED };
    console.log('[faults] the four races…');
    phases.push(await runPhase('races', { label: 'faults-races', slaTimeScale: TIME_SCALE, simulator }, runRaces));
  }
  if (PHASES.includes('mixed')) {
    const simulator = { SIMULATOR_TIME_SCALE: String(TIME_SCALE), SIMULATOR_LATE_PROBABILITY: LATE_PROBABILITY, SIMULATOR_SEED: SEED };
    console.log(`[faults] ${MIXED_LOAD} of ${TICKETS} tickets…`);
    phases.push(
      await runPhase(MIXED_LOAD, { label: 'faults-mixed', slaTimeScale: TIME_SCALE, simulator }, (system) =>
        runMixedLoad(system, TICKETS),
      ),
    );
  }
  if (PHASES.includes(REPLICAS)) {
    const simulator = { SIMULATOR_TIME_SCALE: String(TIME_SCALE), SIMULATOR_LATE_PROBABILITY: LATE_PROBABILITY, SIMULATOR_SEED: SEED };
    console.log(`[faults] ${REPLICAS}: two APIs and two workers on one PostgreSQL database…`);
    phases.push(
      await withFreshDatabase(POSTGRES_URL, (databaseUrl) =>
        runPhase(REPLICAS, { label: 'faults-replicas', slaTimeScale: TIME_SCALE, simulator, replicas: 2, databaseUrl }, (system) =>
          runReplicas(system, REPLICA_TICKETS),
        ),
      ),
    );
  }
  const failures = printReport(phases);
  console.log(`wall time ${Math.round((Date.now() - startedAt) / 1000)} s (SLA_TIME_SCALE ${TIME_SCALE})`);
  for (const phase of phases) {
    if (failures > 0 || KEEP_DATA) console.log(`${phase.name}: logs and data kept in ${phase.dataDir}`);
    else fs.rmSync(phase.dataDir, { recursive: true, force: true });
  }
  return failures;
}

main().then(
  (failures) => process.exit(failures > 0 ? 1 : 0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
