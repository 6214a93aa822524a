// Benchmark (not a test): how fast does the current workflow code replay histories?
//   npm run bench:replay [-- --long-history <file>]
// 1. The golden set (test/histories/**/*.json, the encrypted ones too) repeated to at least BENCH_REPLAY_HISTORIES (500) histories, through
//    one replay worker (Worker.runReplayHistories), as `npm run replay` and a pre-deployment check do.
// 2. One long synthetic history of about BENCH_LONG_EVENTS (4,000) events: a ticket whose severity a coordinator
//    changes again and again while it waits (tools/replay/scenarios.ts, severityChurnScenario), generated on a
//    Temporal dev server (or read with --long-history from a file an earlier run saved), replayed alone.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from '@temporalio/worker';
import { startCaptureWorker } from './capture-harness';
import { exportHistory, runScenario, startCaptureServer } from './capture-histories';
import { goldenHistoriesDataConverter } from './encrypted-histories';
import { historyFiles, readHistoryFile, replayHistories, type HistorySource } from './replay-histories';
import { scenarioWorkflowId, severityChurnScenario } from './scenarios';
import { installQuietRuntime } from './temporal-quiet';
import { chooseWorkflowCode, REPO_ROOT } from './workflow-bundle';

const MIN_HISTORIES = Number(process.env.BENCH_REPLAY_HISTORIES ?? 500);
const LONG_EVENTS = Number(process.env.BENCH_LONG_EVENTS ?? 4_000);
const ROUNDS = 3;
const LONG_RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * Replays the histories through one replay worker; returns the wall time in ms (worker start included). With the
 * golden histories' key, as the encrypted ones need (the others pass through the codec).
 */
async function replayBatch(code: string, sources: HistorySource[]): Promise<number> {
  const started = performance.now();
  let failed = 0;
  for await (const outcome of replayHistories(code, sources, { locate: false, dataConverter: goldenHistoriesDataConverter() })) {
    if (!outcome.ok) failed += 1;
  }
  const elapsed = performance.now() - started;
  if (failed > 0) throw new Error(`${failed} histories failed to replay: run \`npm run replay\` first`);
  return elapsed;
}

/** One history, one replay worker (Worker.runReplayHistory, as the replay suite does); ms. */
async function replayOne(code: string, source: HistorySource): Promise<number> {
  const started = performance.now();
  await Worker.runReplayHistory({ workflowBundle: { code }, dataConverter: goldenHistoriesDataConverter() }, source.history, source.workflowId);
  return performance.now() - started;
}

async function generateLongHistory(file: string): Promise<HistorySource> {
  const scenario = severityChurnScenario(LONG_EVENTS);
  console.log(`generating the long history: ${scenario.description} (Temporal dev server)…`);
  const started = performance.now();
  const env = await startCaptureServer();
  const harness = await startCaptureWorker(env);
  try {
    const { history } = await runScenario(harness, scenario);
    fs.writeFileSync(file, exportHistory(history));
    const events = history.events?.length ?? 0;
    console.log(`  ${fmt(events)} events in ${fmt((performance.now() - started) / 1000, 1)} s, saved to ${file}`);
    return { name: scenario.name, workflowId: scenarioWorkflowId(scenario), history };
  } finally {
    await harness.stop();
    await env.teardown();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'long-history': { type: 'string' } } });
  installQuietRuntime();
  const { code, origin } = await chooseWorkflowCode();
  console.log(`workflow code: ${origin}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}\n`);

  // 1. The golden set, repeated.
  const golden = historyFiles(path.join(REPO_ROOT, 'test/histories')).map((file) => readHistoryFile(file));
  const repeat = Math.ceil(MIN_HISTORIES / golden.length);
  const batch = Array.from({ length: repeat }, () => golden).flat();
  const batchEvents = batch.reduce((sum, s) => sum + (s.history.events?.length ?? 0), 0);
  await replayBatch(code, golden); // warm-up: the first replay worker loads the bundle's code
  const times = [];
  for (let round = 0; round < ROUNDS; round += 1) times.push(await replayBatch(code, batch));
  const ms = median(times);
  console.log(
    `golden set × ${repeat}: ${fmt(batch.length)} histories (${fmt(batchEvents)} events) through one replay worker: ` +
      `${fmt(ms / 1000, 2)} s → ${fmt(batch.length / (ms / 1000))} histories/s, ${fmt(batchEvents / (ms / 1000))} events/s ` +
      `(median of ${ROUNDS}; rounds ${times.map((t) => fmt(t / 1000, 2)).join(', ')} s)`,
  );

  // 2. One long history.
  const longFile = values['long-history'] ?? path.join(os.tmpdir(), 'escalade-severity-churn.json');
  const long = values['long-history'] ? readHistoryFile(longFile) : await generateLongHistory(longFile);
  const longEvents = long.history.events?.length ?? 0;
  const small = golden.reduce((a, b) => ((a.history.events?.length ?? 0) <= (b.history.events?.length ?? 0) ? a : b));
  await replayOne(code, long); // warm-up
  const longTimes = [];
  const smallTimes = [];
  for (let run = 0; run < LONG_RUNS; run += 1) {
    longTimes.push(await replayOne(code, long));
    smallTimes.push(await replayOne(code, small));
  }
  const longMs = median(longTimes);
  const smallMs = median(smallTimes);
  console.log(
    `long history: ${fmt(longEvents)} events replayed in ${fmt(longMs)} ms → ${fmt(longEvents / (longMs / 1000))} events/s ` +
      `(median of ${LONG_RUNS}, each with its own replay worker; a ${small.history.events?.length}-event history takes ${fmt(smallMs)} ms the same way)`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
