// `npm run histories:capture [-- <scenario> ...]`: runs every golden scenario (tools/replay/scenarios.ts) on a
// fresh Temporal dev server (`temporal server start-dev`), in real time and all at once, with workers running the
// real activities (as the workflow tests do), and writes each history, as exported by Temporal, to
// test/histories/<scenario>.json. The scenarios use a compressed SLA policy, so the whole capture takes seconds.
// Run it again after a change to the workflow that is meant to change its histories (new tickets only: see the
// README), and commit the files. Two captures never give identical files: timestamps, run ids, Microsoft's
// ticket numbers, and where activity completions and signals fall between workflow tasks differ; any capture
// whose scenarios pass is valid.
// `npm run histories:capture -- --encrypted [<scenario> ...]` captures the encrypted twins instead (by default the
// scenarios of ENCRYPTED_SCENARIOS) into test/histories/encrypted/, with payload encryption on under the golden
// histories' test key (tools/replay/encrypted-histories.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { SERVICE_REQUEST_WORKFLOW, type serviceRequestWorkflow } from '@escalade/workflows';
import type { TicketState } from '@escalade/domain';
import { startDevServer } from '../../test/support/temporal-servers';
import { startCaptureWorker, type CaptureHarness } from './capture-harness';
import { ENCRYPTED_HISTORIES_DIR, ENCRYPTED_SCENARIOS, goldenHistoriesDataConverter } from './encrypted-histories';
import { historyToJSON, type History } from './history-json';
import { installQuietRuntime } from './temporal-quiet';
import { SCENARIOS, scenarioWorkflowId, type ReplayScenario } from './scenarios';

const { resolveBinary, BINARIES } = require('../temporal-binaries.cjs') as {
  resolveBinary: (kind: string, options?: { log?: (message: string) => void }) => string | undefined;
  BINARIES: Record<string, { env: string }>;
};

const REPO_ROOT = path.resolve(__dirname, '../..');
export const HISTORIES_DIR = path.join(REPO_ROOT, 'test/histories');

/**
 * Starts a fresh dev server: the Temporal CLI found or provisioned by tools/temporal-binaries.cjs
 * (`executable: existing-path`), else the SDK's own download.
 */
export async function startCaptureServer(): Promise<TestWorkflowEnvironment> {
  installQuietRuntime();
  const found = resolveBinary('cli', { log: (message) => console.log(`[temporal] ${message}`) });
  if (found) process.env[BINARIES.cli.env] = found; // read by startDevServer
  return startDevServer();
}

/**
 * Starts the scenario's workflow, drives it to its closure and checks its final state (or that it failed);
 * returns the history.
 */
export async function runScenario(harness: CaptureHarness, scenario: ReplayScenario) {
  scenario.before?.(harness.context, scenario.input.id);
  const handle = await harness.client.workflow.start<typeof serviceRequestWorkflow>(SERVICE_REQUEST_WORKFLOW, {
    taskQueue: harness.taskQueue,
    workflowId: scenarioWorkflowId(scenario),
    args: [scenario.input],
  });
  await scenario.drive(handle, harness.context);
  if (scenario.expected === 'failed') {
    const failure = await handle.result().then(() => undefined, (err: unknown) => err);
    if (!(failure instanceof WorkflowFailedError)) throw new Error(`expected the workflow to fail, got ${String(failure)}`);
    return { handle, result: undefined, history: await handle.fetchHistory() };
  }
  const result = await handle.result();
  const wrong = Object.entries(scenario.expected).filter(
    ([key, value]) => JSON.stringify(result[key as keyof TicketState]) !== JSON.stringify(value),
  );
  if (wrong.length > 0) {
    const got = Object.fromEntries(wrong.map(([key]) => [key, result[key as keyof TicketState]]));
    throw new Error(`expected ${JSON.stringify(Object.fromEntries(wrong))}, got ${JSON.stringify(got)}`);
  }
  return { handle, result, history: await handle.fetchHistory() };
}

/** Temporal's JSON export of a history (the format of the Web UI's and the CLI's downloads), pretty-printed. */
export function exportHistory(history: History): string {
  return `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 2)}\n`;
}

/** Runs the scenario once its worker is ready, writes its history into `dir` and prints one line; false when it failed. */
async function capture(worker: Promise<CaptureHarness>, scenario: ReplayScenario, dir: string): Promise<boolean> {
  try {
    const harness = await worker;
    const started = Date.now();
    const { history, result } = await runScenario(harness, scenario);
    const file = path.join(dir, `${scenario.name}.json`);
    fs.writeFileSync(file, exportHistory(history));
    const events = history.events?.length ?? 0;
    console.log(
      `captured ${scenario.name.padEnd(38)} ${String(events).padStart(4)} events  ${(result?.outcome ?? 'failed').padEnd(16)} ` +
        `${path.relative(REPO_ROOT, file)}  (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    return true;
  } catch (err) {
    console.error(`FAILED   ${scenario.name}: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
}

interface Capture {
  scenarios: ReplayScenario[];
  dir: string;
  /** The encrypted capture's: payloads encrypted under the golden histories' key. */
  dataConverter?: DataConverter;
}

const USAGE = `usage: npm run histories:capture [-- [--encrypted] <scenario> ...]

  (no option)   every scenario, or those named, into test/histories/
  --encrypted   with payload encryption on (the golden histories' test key), into test/histories/encrypted/:
                the scenarios named, else ${ENCRYPTED_SCENARIOS.join(', ')}

scenarios:`;

/** What the arguments ask for; exits on --help or an unknown scenario. */
function captureOf(args: string[]): Capture {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    for (const s of SCENARIOS) console.log(`  ${s.name.padEnd(38)} ${s.description}`);
    process.exit(0);
  }
  const encrypted = args.includes('--encrypted');
  const names = args.filter((arg) => arg !== '--encrypted');
  const unknown = names.filter((name) => !SCENARIOS.some((s) => s.name === name));
  if (unknown.length > 0) {
    console.error(`unknown scenario(s): ${unknown.join(', ')} (see --help)`);
    process.exit(2);
  }
  const chosen = names.length > 0 ? names : encrypted ? ENCRYPTED_SCENARIOS : SCENARIOS.map((s) => s.name);
  const scenarios = SCENARIOS.filter((s) => chosen.includes(s.name));
  return encrypted
    ? { scenarios, dir: ENCRYPTED_HISTORIES_DIR, dataConverter: goldenHistoriesDataConverter() }
    : { scenarios, dir: HISTORIES_DIR };
}

async function main(): Promise<void> {
  const { scenarios: chosen, dir, dataConverter } = captureOf(process.argv.slice(2));
  const started = Date.now();
  const env = await startCaptureServer();
  fs.mkdirSync(dir, { recursive: true });
  // One worker for the current code, one for the code before the patches, and one for each scenario that pauses its
  // own; each started (bundled) when first needed.
  const workers = new Map<string, Promise<CaptureHarness>>();
  const workerFor = ({ name, beforePatches = false, ownWorker = false }: ReplayScenario): Promise<CaptureHarness> => {
    const key = ownWorker ? `own:${name}` : String(beforePatches);
    if (!workers.has(key)) workers.set(key, startCaptureWorker(env, { beforePatches, ownWorker: ownWorker ? name : undefined, dataConverter }));
    return workers.get(key) as Promise<CaptureHarness>;
  };
  let captured: boolean[];
  try {
    captured = await Promise.all(chosen.map((scenario) => capture(workerFor(scenario), scenario, dir)));
  } finally {
    for (const worker of await Promise.allSettled(workers.values())) {
      if (worker.status === 'fulfilled') await worker.value.stop();
    }
    await env.teardown();
  }
  const failed = captured.filter((ok) => !ok).length;
  const others = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !SCENARIOS.some((s) => `${s.name}.json` === f));
  if (others.length > 0) console.log(`kept, not from a scenario: ${others.join(', ')}`);
  console.log(`${chosen.length - failed} of ${chosen.length} histories captured in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (failed > 0) process.exit(1);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
