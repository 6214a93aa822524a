// `npm start`: the whole system on embedded defaults — Temporal dev server (SQLite file under DATA_DIR, UI on),
// the worker and the API — with one Ctrl-C to stop it all.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { TypedSearchAttributes } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ConfigError, identityConfigured, loadAppConfig, temporalConnection, type AppConfig } from '@escalade/config';
import { migrate } from './migrate';
import { SEARCH_ATTRIBUTE_KEYS } from '@escalade/workflows';
import { DEV_SERVER_SQLITE_PRAGMAS } from './dev-server-pragmas';
import { simulatorCredentialsEnv } from './simulator-credentials';
import { LOCAL_ADMIN_KEY_FILE, signInLink } from '@escalade/api';
import { METRICS_TOKEN_FILE } from '@escalade/metrics';
const { resolveBinary } = require('./temporal-binaries.cjs') as { resolveBinary: (kind: string, o: object) => string | undefined };
const { buildConsole } = require('./build-console.cjs') as { buildConsole: (options?: { outDir?: string }) => Promise<void> };

const ROOT = path.resolve(__dirname, '..');
const children: Array<{ name: string; process: ChildProcess }> = [];
let stopping = false;
let embeddedSdkServer: TestWorkflowEnvironment | undefined;

function log(message: string): void {
  console.log(`[escalade] ${message}`);
}

export function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port }, () => socket.end(() => resolve(true)));
    socket.on('error', () => resolve(false));
    socket.setTimeout(1_000, () => socket.destroy(new Error('timeout')));
  });
}

/**
 * glibc's malloc arenas for the worker (one per thread by default, up to 8 per core): its Temporal core and V8 threads
 * then hold less memory they no longer use (README, Performance: about 70 MB less with 1,000 workflows cached).
 */
const WORKER_MALLOC_ARENAS = process.env.MALLOC_ARENA_MAX ?? '2';

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (stopping) throw new Error('stopped');
    if (Date.now() > until) throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  // Own process group: Ctrl-C reaches only this script, which then stops the children in order.
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  children.push({ name, process: child });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    log(`${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping everything`);
    void stop(1);
  });
  return child;
}

export interface DevServerPlace {
  host: string;
  port: number;
  uiPort: number;
  dbFilename: string;
  namespace: string;
  /** Our API's codec endpoint, where the Web UI decrypts the payloads it shows (README, Payload encryption). */
  codecEndpoint?: string;
}

/** The arguments of `temporal server start-dev`: our SQLite file and its pragmas, namespace, search attributes and codec endpoint. */
export function devServerArgs({ host, port, uiPort, dbFilename, namespace, codecEndpoint }: DevServerPlace): string[] {
  const attributeArgs = SEARCH_ATTRIBUTE_KEYS.flatMap(({ name, type }) => [
    '--search-attribute',
    `${name}=${TypedSearchAttributes.toMetadataType(type)}`,
  ]);
  // The CLI keeps its own output quiet at error level; its stdout would drown the apps' logs otherwise.
  return [
    'server', 'start-dev',
    '--ip', host, '--port', String(port), '--ui-port', String(uiPort),
    '--db-filename', dbFilename, ...DEV_SERVER_SQLITE_PRAGMAS, '--namespace', namespace,
    '--log-level', 'error', ...attributeArgs,
    ...(codecEndpoint ? ['--ui-codec-endpoint', codecEndpoint] : []),
  ];
}

/** Node's arguments to run one of our apps from its sources, as `npm start` runs it. */
export const APP_ARGS = {
  simulator: ['-r', '@swc-node/register', 'apps/ms-simulator/src/main.ts'],
  worker: ['-r', '@swc-node/register', 'apps/worker/src/main.ts'],
  api: ['-r', '@swc-node/register', 'apps/api/src/main.ts'],
} as const;

/** Starts the dev server unless one already answers where the Temporal connection points (README). Returns the UI URL. */
async function startTemporal(config: AppConfig): Promise<string> {
  const { address, namespace } = temporalConnection();
  const [host, portText] = address.split(':');
  const port = Number(portText);
  if (await canConnect(host, port)) {
    log(`using the Temporal server already listening at ${address}`);
    return config.TEMPORAL_UI_URL;
  }
  const uiPort = Number(new URL(config.TEMPORAL_UI_URL).port || 8233);
  fs.mkdirSync(config.DATA_DIR, { recursive: true });
  const dbFilename = path.join(config.DATA_DIR, 'temporal.sqlite');
  const codecEndpoint = `http://127.0.0.1:${config.PORT}/codec`;
  const cli = resolveBinary('cli', { log });
  if (cli) {
    run('temporal', cli, devServerArgs({ host, port, uiPort, dbFilename, namespace, codecEndpoint }));
  } else {
    log('no Temporal CLI found offline; letting the Temporal SDK download its dev server');
    embeddedSdkServer = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'cached-download' },
        ip: host, port, ui: true, uiPort, dbFilename,
        namespace,
        searchAttributes: SEARCH_ATTRIBUTE_KEYS,
        extraArgs: [...DEV_SERVER_SQLITE_PRAGMAS, '--ui-codec-endpoint', codecEndpoint],
      },
    });
  }
  await waitFor('the Temporal dev server', () => canConnect(host, port));
  return `http://${host}:${uiPort}`;
}

/**
 * Runs our Microsoft support simulator where PARTNER_CENTER_URL points, unless something already answers
 * there; its answers come on the SLA's time scale, so a demo shows tickets answered, late and escalated.
 */
async function startSimulator(config: AppConfig): Promise<string | undefined> {
  if (config.MICROSOFT_SUPPORT !== 'simulator') return undefined;
  const url = new URL(config.PARTNER_CENTER_URL);
  const port = Number(url.port || 80);
  if (await canConnect(url.hostname, port)) {
    log(`using the Microsoft support simulator already listening at ${config.PARTNER_CENTER_URL}`);
    return config.PARTNER_CENTER_URL;
  }
  run('simulator', process.execPath, [...APP_ARGS.simulator], {
    SIMULATOR_PORT: String(port),
    SIMULATOR_TIME_SCALE: process.env.SIMULATOR_TIME_SCALE ?? String(config.SLA_TIME_SCALE),
  });
  await waitFor('the Microsoft support simulator', () => canConnect(url.hostname, port));
  return config.PARTNER_CENTER_URL;
}

/** Builds the coordinator console into its default folder; a CONSOLE_DIR set elsewhere is served as it was built. */
async function buildConsoleIfDefault(config: AppConfig): Promise<void> {
  if (config.CONSOLE_DIR !== path.join(ROOT, 'dist/apps/console')) return;
  log('building the coordinator console…');
  await buildConsole();
}

async function stop(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  // Apps first, so the worker drains before the server it talks to goes away.
  for (const name of ['api', 'worker', 'simulator', 'temporal']) {
    const child = children.find((c) => c.name === name)?.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
  await embeddedSdkServer?.teardown();
  log('stopped');
  process.exit(exitCode);
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadAppConfig();
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  }
  process.on('exit', () => children.forEach((c) => c.process.exitCode === null && c.process.kill('SIGKILL')));
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  // Our tables are brought up to date before either app opens them.
  const applied = await migrate(config);
  if (applied.length > 0) log(`applied database migrations: ${applied.join(', ')}`);
  await buildConsoleIfDefault(config);
  const temporalUi = await startTemporal(config);
  const simulatorUrl = await startSimulator(config);
  // The simulator's own app registration, unless one is configured (e.g. to try a real one's settings against it); the
  // API gets it too, to show the credentials' state and store a new refresh token.
  const credentials = simulatorUrl && !process.env.PARTNER_CENTER_CLIENT_ID ? simulatorCredentialsEnv(simulatorUrl, config.DATA_DIR) : {};
  run('worker', process.execPath, [...APP_ARGS.worker], { ...credentials, MALLOC_ARENA_MAX: WORKER_MALLOC_ARENAS });
  run('api', process.execPath, [...APP_ARGS.api], credentials);
  await waitFor('the API', () => canConnect('127.0.0.1', config.PORT));
  const base = `http://127.0.0.1:${config.PORT}`;
  const localAdminKey = !identityConfigured(config) ? fs.readFileSync(path.join(config.DATA_DIR, LOCAL_ADMIN_KEY_FILE), 'utf8').trim() : undefined;

  console.log(
    [
      '',
      `Escalade is running${localAdminKey ? ' in LOCAL MODE (no identity configured: API keys only, loopback only)' : ''}:`,
      localAdminKey ? `  Console      ${signInLink(base, localAdminKey)}  (signs this browser in)` : `  Console      ${base}/`,
      ...(localAdminKey ? [`  Admin key    in ${path.join(config.DATA_DIR, LOCAL_ADMIN_KEY_FILE)}: curl -H "Authorization: Bearer $(cat ${path.join(config.DATA_DIR, LOCAL_ADMIN_KEY_FILE)})" ${base}/service-requests`] : []),
      `  API          http://127.0.0.1:${config.PORT}`,
      `  OpenAPI docs http://127.0.0.1:${config.PORT}/docs`,
      `  Worker       http://127.0.0.1:${config.WORKER_PORT}/health/ready (probes)`,
      `  Temporal UI  ${temporalUi}`,
      `  Microsoft    ${simulatorUrl ? `${simulatorUrl} (simulator)` : config.MICROSOFT_SUPPORT}`,
      `  Metrics      ${metricsAccess(config, base)}`,
      `  Alert hooks  ${alertDestinations(config)}`,
      `  Data         ${config.DATA_DIR}`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

/** Where Prometheus scrapes the API and the worker, and with which token (README, Metrics). */
function metricsAccess(config: AppConfig, base: string): string {
  const targets = `${base}/metrics and http://127.0.0.1:${config.WORKER_PORT}/metrics`;
  if (config.METRICS_TOKEN) return `${targets}, with METRICS_TOKEN`;
  if (config.NODE_ENV === 'production') return 'off: set METRICS_TOKEN';
  const file = path.join(config.DATA_DIR, METRICS_TOKEN_FILE);
  return `${targets}, token in ${file}: curl -H "Authorization: Bearer $(cat ${file})" ${base}/metrics`;
}

/** Where alert subscriptions may send: nothing internal unless ALERT_ALLOWED_HOSTS admits it (README, Alert destinations). */
function alertDestinations(config: AppConfig): string {
  const allowed = config.ALERT_ALLOWED_HOSTS ?? [];
  if (allowed.length > 0) return `https to public hosts, and these internal ones: ${allowed.join(', ')}`;
  return 'https to public hosts only; for a receiver on this machine: ALERT_ALLOWED_HOSTS=127.0.0.1,localhost npm start';
}

// Imported (by the fault-injection suite) for its helpers, it starts nothing.
if (require.main === module) {
  main().catch((err: unknown) => {
    if (stopping) return;
    console.error(`[escalade] ${(err as Error).message ?? err}`);
    void stop(1);
  });
}
