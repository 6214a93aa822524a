// `npm run replay -- [options] [<file or folder> ...]`: replays workflow histories against the current workflow
// code and reports any that it can no longer replay (nondeterminism), i.e. tickets a deployment would break.
// See USAGE below, or `npm run replay -- --help`.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { ConfigError, loadAppConfig, temporalConnection, type AppConfig } from '@escalade/config';
import { dataConverterFor, keyRingFrom, MissingEncryptionKeyError } from '@escalade/secrets';
import { GOLDEN_HISTORIES_KEY } from './encrypted-histories';
import {
  historyFiles,
  readHistoryFiles,
  replayHistories,
  type HistorySource,
  type ReplayOutcome,
  type UnreadableHistory,
} from './replay-histories';
import { installQuietRuntime } from './temporal-quiet';
import { chooseWorkflowCode, REPO_ROOT } from './workflow-bundle';

const DEFAULT_HISTORIES = path.join(REPO_ROOT, 'test/histories');

const USAGE = `usage: npm run replay -- [options] [<history.json | folder> ...]

Replays workflow histories against the current workflow code; a history it can no longer replay
(nondeterminism) is a running ticket that this code would break.

Where the histories come from (combine freely; with none, ${path.relative(process.cwd(), DEFAULT_HISTORIES) || DEFAULT_HISTORIES}):
  <file or folder>          histories exported as JSON (Temporal's format, as the Web UI and
                            \`temporal workflow show --output json\` download them); folders are searched for *.json
  --workflow-id <id>        that workflow's history, fetched from the app's Temporal server (TEMPORAL_ADDRESS,
                            TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS_*, TEMPORAL_PROFILE: README)
                            (repeatable; --run-id <id> picks a run of a single workflow id)
  --query "<visibility>"    every workflow matching a visibility query, e.g.
                            "WorkflowType = 'serviceRequestWorkflow' AND ExecutionStatus = 'Running'"

Workflow code:
  (default)                 the prebuilt bundle dist/apps/worker/workflow-bundle.js when it exists and is
                            not older than the workflow sources; otherwise the sources, bundled
  --bundle <file>           that workflow bundle, whatever its age (e.g. the one being deployed)
  --from-source             bundle the sources even when a prebuilt bundle exists

Encrypted payloads are decrypted with the configured keys (SECRETS_ENCRYPTION_KEY, SECRETS_PREVIOUS_KEYS; in
local mode DATA_DIR/secrets.key) and the golden histories' test key; payloads that are not encrypted are read as they are.

Also:
  --projections             rebuild the tickets read model from the event log (npm run projections:rebuild);
                            alone, it does only that
  -h, --help                this message

Prints one line per history (ok / FAIL with the reason and, when known, the event id), then a summary.
Exit status: 0 all replayed, 1 a history failed (or the rebuild did), 2 bad arguments.`;

class UsageError extends Error {}

interface Options {
  paths: string[];
  workflowIds: string[];
  runId?: string;
  query?: string;
  bundle?: string;
  fromSource: boolean;
  projections: boolean;
  help: boolean;
}

function parseOptions(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'workflow-id': { type: 'string', multiple: true },
        'run-id': { type: 'string' },
        query: { type: 'string' },
        bundle: { type: 'string' },
        'from-source': { type: 'boolean', default: false },
        projections: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  const options: Options = {
    paths: positionals,
    workflowIds: values['workflow-id'] ?? [],
    runId: values['run-id'],
    query: values.query,
    bundle: values.bundle,
    fromSource: values['from-source'] ?? false,
    projections: values.projections ?? false,
    help: values.help ?? false,
  };
  if (options.help) return options;
  if (options.workflowIds.some((id) => !id.trim())) throw new UsageError('--workflow-id needs a workflow id');
  if (options.runId !== undefined && options.workflowIds.length !== 1) throw new UsageError('--run-id goes with exactly one --workflow-id');
  if (options.query !== undefined && !options.query.trim()) throw new UsageError('--query needs a visibility query');
  if (options.bundle !== undefined && options.fromSource) throw new UsageError('--bundle and --from-source exclude each other');
  if (options.bundle !== undefined && !fs.existsSync(options.bundle)) throw new UsageError(`no such bundle: ${options.bundle}`);
  for (const target of options.paths) {
    if (!fs.existsSync(target)) throw new UsageError(`no such file or folder: ${target}`);
  }
  return options;
}

/** A progress bar with a count, redrawn under the result lines; only on a terminal. */
class Progress {
  private readonly enabled: boolean;
  private done = 0;

  constructor(private total: number | undefined) {
    this.enabled = !!process.stdout.isTTY;
  }

  setTotal(total: number): void {
    this.total = total;
  }

  /** Counts one more history and prints its line above the bar. */
  record(text: string): void {
    this.done += 1;
    if (this.enabled) process.stdout.write('\r\x1b[2K');
    process.stdout.write(`${text}\n`);
    this.draw();
  }

  clear(): void {
    if (this.enabled) process.stdout.write('\r\x1b[2K');
  }

  private draw(): void {
    if (!this.enabled || this.total === undefined || this.total < 2) return;
    const width = 30;
    const share = this.total > 0 ? Math.min(1, this.done / this.total) : 1;
    const filled = Math.round(share * width);
    process.stdout.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total}`);
  }
}

/** The deployment's key ring, which encrypted its histories, and the test key of test/histories/encrypted/. */
function replayDataConverter(config: AppConfig): DataConverter {
  return dataConverterFor(keyRingFrom({ ...config, SECRETS_PREVIOUS_KEYS: [...(config.SECRETS_PREVIOUS_KEYS ?? []), GOLDEN_HISTORIES_KEY] }));
}

async function connect(dataConverter: DataConverter): Promise<Client> {
  const temporal = temporalConnection();
  const connection = await Connection.connect(temporal.clientOptions({ connectTimeout: '10 seconds' }));
  return new Client({ connection, namespace: temporal.namespace, dataConverter });
}

/** Every history the options name, files first, then workflow ids, then the query's matches. */
async function* sourcesOf(
  options: Options,
  files: string[],
  client: Client | undefined,
): AsyncGenerator<HistorySource | UnreadableHistory> {
  yield* readHistoryFiles(files);
  if (!client) return; // no --workflow-id, no --query
  for (const workflowId of options.workflowIds) {
    const name = options.runId ? `${workflowId} (run ${options.runId})` : workflowId;
    try {
      const history = await client.workflow.getHandle(workflowId, options.runId).fetchHistory();
      yield { name, workflowId, history };
    } catch (err) {
      yield { name, unreadable: `could not fetch its history: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
  if (options.query !== undefined) {
    for await (const { workflowId, history } of client.workflow.list({ query: options.query }).intoHistories({ concurrency: 5, bufferLimit: 20 })) {
      if (history) yield { name: workflowId, workflowId, history };
    }
  }
}

/** `npm run projections:rebuild`, as a child process sharing this terminal; resolves to its exit status. */
function rebuildProjections(): Promise<number> {
  console.log('rebuilding the tickets read model from the event log (npm run projections:rebuild)');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(REPO_ROOT, 'tools/rebuild-projections.ts')], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      env: process.env,
    });
    child.on('error', (err) => {
      console.error(`could not start the rebuild: ${err.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function formatOutcome(outcome: ReplayOutcome): string {
  return outcome.ok ? `ok   ${outcome.name}` : `FAIL ${outcome.name}: ${outcome.reason ?? 'replay failed'}`;
}

async function replay(options: Options): Promise<number> {
  const remote = options.workflowIds.length > 0 || options.query !== undefined;
  const paths = options.paths.length > 0 || remote ? options.paths : [DEFAULT_HISTORIES];
  const files = paths.flatMap(historyFiles);
  if (!remote && files.length === 0) throw new UsageError(`no .json histories in ${paths.join(', ')}`);

  const started = Date.now();
  const config = loadAppConfig();
  const dataConverter = replayDataConverter(config);
  let client: Client | undefined;
  let total: number | undefined = files.length + options.workflowIds.length;
  if (remote) {
    client = await connect(dataConverter);
    if (options.query !== undefined) {
      const { count } = await client.workflow.count(options.query);
      total += count;
    }
  }
  const workflowCode = await chooseWorkflowCode({ bundlePath: options.bundle, fromSource: options.fromSource });
  console.log(`replaying against ${workflowCode.origin}`);

  const progress = new Progress(total);
  let replayed = 0;
  let failed = 0;
  try {
    for await (const outcome of replayHistories(workflowCode.code, sourcesOf(options, files, client), { dataConverter })) {
      replayed += 1;
      if (!outcome.ok) failed += 1;
      if (replayed > (total ?? 0)) progress.setTotal(replayed); // the query matched more since it was counted
      progress.record(formatOutcome(outcome));
    }
  } finally {
    progress.clear();
    await client?.connection.close();
  }
  if (replayed === 0) console.log('no history matched');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${replayed} replayed, ${replayed - failed} ok, ${failed} failed in ${seconds} s`);
  return failed > 0 ? 1 : 0;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  installQuietRuntime();
  const onlyProjections = options.projections && options.paths.length === 0 && options.workflowIds.length === 0 && options.query === undefined;
  let status = onlyProjections ? 0 : await replay(options);
  if (options.projections) {
    const rebuilt = await rebuildProjections();
    if (rebuilt !== 0) status = 1;
  }
  return status;
}

main().then(
  (status) => process.exit(status),
  (err: unknown) => {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (err instanceof ConfigError || err instanceof MissingEncryptionKeyError) {
      console.error(err.message);
      process.exit(2);
    }
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
