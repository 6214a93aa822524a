// Benchmark (not a test): how fast does the current workflow code replay histories?
//   npm run bench:replay [-- --long-history <file>]
// 1. The golden set (test/histories/**/*.json, the encrypted ones too) repeated to at least BENCH_REPLAY_HISTORIES (500) histories,
//    through replayHistories (one replay worker per CPU, the sandbox lightened: replay-sandbox.ts), as `npm run replay` and a
//    pre-deployment check do, against the baseline: the SDK's one replay worker (Worker.runReplayHistories) as is.
// 2. One long synthetic history of about BENCH_LONG_EVENTS (4,000) events: a ticket whose severity a coordinator
//    changes again and again while it waits (tools/replay/scenarios.ts, severityChurnScenario), generated on a
//    Temporal dev server (or read with --long-history from a file an earlier run saved), replayed alone the same
//    two ways (Worker.runReplayHistory as the baseline).
// Rounds alternate between the two, so a busy machine slows both alike.
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

/** How a batch is replayed; resolves to the number of histories that failed. */
type Replay = (code: string, sources: HistorySource[]) => Promise<number>;

/** The baseline: the SDK's replay worker as is, one for the whole batch, one history at a time. */
const sdkReplay: Replay = async (code, sources) => {
  let failed = 0;
  const histories = sources.map(({ workflowId, history }) => ({ workflowId, history }));
  for await (const result of Worker.runReplayHistories({ workflowBundle: { code }, dataConverter: goldenHistoriesDataConverter() }, histories)) {
    if (result.error) failed += 1;
  }
  return failed;
};

const toolReplay =
  (workers?: number): Replay =>
  async (code, sources) => {
    let failed = 0;
    for await (const outcome of replayHistories(code, sources, { locate: false, dataConverter: goldenHistoriesDataConverter(), workers })) {
      if (!outcome.ok) failed += 1;
    }
    return failed;
  };

/**
 * Replays the histories; returns the wall time in ms (worker start included). With the golden histories' key, as
 * the encrypted ones need (the others pass through the codec).
 */
async function timed(replay: Replay, code: string, sources: HistorySource[]): Promise<number> {
  const started = performance.now();
  const failed = await replay(code, sources);
  const elapsed = performance.now() - started;
  if (failed > 0) throw new Error(`${failed} histories failed to replay: run \`npm run replay\` first`);
  return elapsed;
}

/** Medians of `runs` alternating timings of the baseline and the tool's path, in ms. */
async function compare(runs: number, baseline: () => Promise<number>, tool: () => Promise<number>) {
  const times = { baseline: [] as number[], tool: [] as number[] };
  for (let run = 0; run < runs; run += 1) {
    times.baseline.push(await baseline());
    times.tool.push(await tool());
  }
  return { baseline: median(times.baseline), tool: median(times.tool), times };
}

const seconds = (times: number[]) => times.map((t) => fmt(t / 1000, 2)).join(', ');

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
  const workers = os.availableParallelism();
  await timed(sdkReplay, code, golden); // warm-up: the first replay worker loads the bundle's code
  await timed(toolReplay(), code, golden);
  const batchRun = await compare(ROUNDS, () => timed(sdkReplay, code, batch), () => timed(toolReplay(), code, batch));
  const rate = (ms: number) => `${fmt(batch.length / (ms / 1000))} histories/s, ${fmt(batchEvents / (ms / 1000))} events/s`;
  console.log(`golden set × ${repeat}: ${fmt(batch.length)} histories (${fmt(batchEvents)} events), median of ${ROUNDS} rounds`);
  console.log(`  baseline, one SDK replay worker:       ${fmt(batchRun.baseline / 1000, 2)} s → ${rate(batchRun.baseline)} (rounds ${seconds(batchRun.times.baseline)} s)`);
  console.log(`  replayHistories, ${workers} replay workers: ${fmt(batchRun.tool / 1000, 2)} s → ${rate(batchRun.tool)} (rounds ${seconds(batchRun.times.tool)} s)`);
  console.log(`  ${fmt(batchRun.baseline / batchRun.tool, 2)}× the baseline`);

  // 2. One long history.
  const longFile = values['long-history'] ?? path.join(os.tmpdir(), 'escalade-severity-churn.json');
  const long = values['long-history'] ? readHistoryFile(longFile) : await generateLongHistory(longFile);
  const longEvents = long.history.events?.length ?? 0;
  const small = golden.reduce((a, b) => ((a.history.events?.length ?? 0) <= (b.history.events?.length ?? 0) ? a : b));
  await timed(sdkReplay, code, [long]); // warm-up
  const longRun = await compare(LONG_RUNS, () => timed(sdkReplay, code, [long]), () => timed(toolReplay(1), code, [long]));
  const smallRun = await compare(LONG_RUNS, () => timed(sdkReplay, code, [small]), () => timed(toolReplay(1), code, [small]));
  const took = (ms: number) => `${fmt(ms)} ms → ${fmt(longEvents / (ms / 1000))} events/s`;
  console.log(`long history: ${fmt(longEvents)} events, median of ${LONG_RUNS}, each with its own replay worker`);
  console.log(`  baseline, the SDK's replay worker: ${took(longRun.baseline)} (a ${small.history.events?.length}-event history: ${fmt(smallRun.baseline)} ms)`);
  console.log(`  replayHistories:                   ${took(longRun.tool)} (a ${small.history.events?.length}-event history: ${fmt(smallRun.tool)} ms)`);
  console.log(`  ${fmt(longRun.baseline / longRun.tool, 2)}× the baseline`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
