// `npm run histories:capture [-- <scenario> ...]`: runs every golden scenario (tools/replay/scenarios.ts) on a
// fresh time-skipping test server, with a worker running the real activities (as the workflow tests do), and
// writes each history, as exported by Temporal, to test/histories/<scenario>.json. Run it again after a change
// to the workflow that is meant to change its histories (new tickets only: see the README), and commit the files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { SERVICE_REQUEST_WORKFLOW, type serviceRequestWorkflow } from '@escalade/workflows';
import type { TicketState } from '@escalade/domain';
import { startTimeSkippingServer } from '../../test/support/temporal-servers';
import { WorkflowHarness } from '../../test/support/workflow-harness';
import { historyToJSON, type History } from './history-json';
import { installQuietRuntime } from './temporal-quiet';
import { SCENARIOS, scenarioWorkflowId, type ReplayScenario } from './scenarios';

const { resolveBinary, BINARIES } = require('../temporal-binaries.cjs') as {
  resolveBinary: (kind: string, options?: { log?: (message: string) => void }) => string | undefined;
  BINARIES: Record<string, { env: string }>;
};

const REPO_ROOT = path.resolve(__dirname, '../..');
export const HISTORIES_DIR = path.join(REPO_ROOT, 'test/histories');
/** Fixed, so the task queue recorded in every history is the same from one capture to the next. */
const CAPTURE_TASK_QUEUE = 'golden-histories';

/**
 * Starts a fresh time-skipping test server: the binary found or provisioned by tools/temporal-binaries.cjs
 * (`executable: existing-path`), else the SDK's own download.
 */
export async function startCaptureServer(): Promise<TestWorkflowEnvironment> {
  installQuietRuntime();
  const found = resolveBinary('testServer', { log: (message) => console.log(`[temporal] ${message}`) });
  if (found) process.env[BINARIES.testServer.env] = found; // read by startTimeSkippingServer
  return startTimeSkippingServer();
}

class CaptureHarness extends WorkflowHarness {
  override readonly taskQueue = CAPTURE_TASK_QUEUE;
}

/** The workflow harness of the tests (real activities, in-process Microsoft, SQLite), on a fixed task queue. */
export async function startCaptureWorker(env: TestWorkflowEnvironment): Promise<WorkflowHarness> {
  Logger.overrideLogger(['error']); // the activities log every escalation as a warning
  const harness = new CaptureHarness(env);
  await harness.start();
  return harness;
}

/** Starts the scenario's workflow, drives it to its closure and checks its final state; returns the history. */
export async function runScenario(env: TestWorkflowEnvironment, taskQueue: string, scenario: ReplayScenario) {
  // Not env.client: its result() lets the server skip time, years ahead once the workflow has closed.
  const client = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
  const handle = await client.workflow.start<typeof serviceRequestWorkflow>(SERVICE_REQUEST_WORKFLOW, {
    taskQueue,
    workflowId: scenarioWorkflowId(scenario),
    args: [scenario.input],
  });
  await scenario.drive(handle, env);
  const result = await handle.result();
  const wrong = Object.entries(scenario.expected).filter(
    ([key, value]) => JSON.stringify(result[key as keyof TicketState]) !== JSON.stringify(value),
  );
  if (wrong.length > 0) {
    const got = Object.fromEntries(wrong.map(([key]) => [key, result[key as keyof TicketState]]));
    throw new Error(`${scenario.name}: expected ${JSON.stringify(Object.fromEntries(wrong))}, got ${JSON.stringify(got)}`);
  }
  return { handle, result, history: await handle.fetchHistory() };
}

/** Temporal's JSON export of a history (the format of the Web UI's and the CLI's downloads), pretty-printed. */
export function exportHistory(history: History): string {
  return `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 2)}\n`;
}

function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  return [d && `${d} d`, h && `${h} h`, `${m} min`].filter(Boolean).join(' ');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log('usage: npm run histories:capture [-- <scenario> ...]\n\nscenarios:');
    for (const s of SCENARIOS) console.log(`  ${s.name.padEnd(34)} ${s.description}`);
    return;
  }
  const unknown = args.filter((name) => !SCENARIOS.some((s) => s.name === name));
  if (unknown.length > 0) {
    console.error(`unknown scenario(s): ${unknown.join(', ')} (see --help)`);
    process.exit(2);
  }
  const chosen = args.length > 0 ? SCENARIOS.filter((s) => args.includes(s.name)) : SCENARIOS;

  const started = Date.now();
  const env = await startCaptureServer();
  const harness = await startCaptureWorker(env);
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  let failed = 0;
  try {
    for (const scenario of chosen) {
      const t0 = Date.now();
      try {
        const clock = await env.currentTimeMs();
        const { history, result } = await runScenario(env, harness.taskQueue, scenario);
        const simulated = (await env.currentTimeMs()) - clock;
        const file = path.join(HISTORIES_DIR, `${scenario.name}.json`);
        fs.writeFileSync(file, exportHistory(history));
        const events = history.events?.length ?? 0;
        console.log(
          `captured ${scenario.name.padEnd(34)} ${String(events).padStart(4)} events  ${String(result.outcome).padEnd(16)} ` +
            `${path.relative(REPO_ROOT, file)}  (${formatDuration(simulated)} simulated in ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
        );
      } catch (err) {
        failed += 1;
        console.error(`FAILED   ${scenario.name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  } finally {
    await harness.stop();
    await env.teardown();
  }
  const others = fs
    .readdirSync(HISTORIES_DIR)
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
