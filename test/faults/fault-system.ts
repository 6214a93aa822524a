import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { loadAppConfig, loadSlaPolicy, temporalConnection, type AppConfig, type TemporalConnection } from '@escalade/config';
import type { Severity, TicketState } from '@escalade/domain';
import { dataConverterFor, keyRingFrom } from '@escalade/secrets';
import { ticketStateQuery } from '@escalade/workflows';
import { migrate } from '../../tools/migrate';
import { APP_ARGS, canConnect, devServerArgs } from '../../tools/start';
import { EscaladeApi } from './escalade-api';
import { JsonHttp } from './json-http';
import { freePort } from '../support/free-port';
import { ManagedProcess } from '../support/managed-process';
import { SimulatorClient } from './simulator-client';
import { eventually } from './timing';
import { simulatorCredentialsEnv } from '../../tools/simulator-credentials';
import { LOCAL_ADMIN_KEY_FILE } from '@escalade/api';
const { resolveBinary } = require('../../tools/temporal-binaries.cjs') as { resolveBinary: (kind: string, o: object) => string | undefined };

const ROOT = path.resolve(__dirname, '../..');
const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 90_000;

export interface FaultSystemOptions {
  /** Names the temporary folder. */
  label: string;
  slaTimeScale: number;
  /** SIMULATOR_* settings: how Microsoft answers on its own. */
  simulator: Record<string, string>;
  /** false: the caller hosts the worker in its own process, with `env`. */
  workerAsChild?: boolean;
  /**
   * How many API and worker processes run side by side (default 1 each). With more than one, nothing migrates before
   * they start: the workers, started together, migrate under the schema's lock.
   */
  replicas?: number;
  /** Our tables in this PostgreSQL database instead of DATA_DIR's SQLite file. */
  databaseUrl?: string;
}

/**
 * Escalade as `npm start` runs it, every part its own process on loopback: the Temporal dev server on its SQLite
 * file, the Microsoft simulator, the worker and the API, over a fresh DATA_DIR. Any of them can be crashed
 * (`kill -9`) and started again, one at a time.
 */
export class FaultSystem {
  readonly unplannedExits: string[] = [];
  /** What a phase's own checks found wrong besides the tickets (see `replicas`). */
  readonly problems: string[] = [];
  /** Each process stopped with SIGTERM, and how it went (see `replicas`). */
  readonly drains: string[] = [];
  readonly kills = { worker: 0, temporal: 0 };
  /** How long each restart took until the process served again. */
  readonly restartMs = { worker: [] as number[], temporal: [] as number[] };
  /** Each time a process was down, from its crash until it served again (epoch milliseconds). */
  readonly outages: Array<readonly [number, number]> = [];
  private downSince = 0;
  /** How the tests reach the run's dev server: the connection the apps make from `env`. */
  private readonly temporal: TemporalConnection;

  private constructor(
    readonly env: NodeJS.ProcessEnv,
    readonly config: AppConfig,
    /** One per API process; the first is `api`. */
    readonly apis: EscaladeApi[],
    readonly simulator: SimulatorClient,
    private readonly temporalServer: ManagedProcess,
    private readonly processes: ManagedProcess[],
    /** One per worker process with its probe's base URL; the first is the one crashed and restarted. */
    readonly workers: Array<{ process: ManagedProcess; probes: JsonHttp }>,
    /** The API processes, as `apis`. */
    readonly apiProcesses: ManagedProcess[],
  ) {
    this.temporal = temporalConnection(env);
    for (const managed of [temporalServer, ...processes]) {
      managed.onUnplannedExit = (description) => this.unplannedExits.push(`${new Date().toISOString()} ${description}`);
    }
  }

  static async start(options: FaultSystemOptions): Promise<FaultSystem> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `escalade-${options.label}-`));
    fs.mkdirSync(path.join(dataDir, 'logs'));
    const replicas = options.replicas ?? 1;
    const [temporalPort, uiPort, simulatorPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const apiPorts = await Promise.all(Array.from({ length: replicas }, freePort));
    const workerPorts = await Promise.all(Array.from({ length: replicas }, freePort));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      ALERT_ALLOWED_HOSTS: '127.0.0.1', // the webhook sink listens on loopback
      PORT: String(apiPorts[0]),
      WORKER_PORT: String(workerPorts[0]),
      DATA_DIR: dataDir,
      TEMPORAL_ADDRESS: `${HOST}:${temporalPort}`,
      TEMPORAL_UI_URL: `http://${HOST}:${uiPort}`,
      MICROSOFT_SUPPORT: 'simulator',
      PARTNER_CENTER_URL: `http://${HOST}:${simulatorPort}`,
      SLA_TIME_SCALE: String(options.slaTimeScale),
      SIMULATOR_PORT: String(simulatorPort),
      // The run polls every ticket four times a second as one principal, far past the production defaults.
      RATE_LIMIT_PER_PRINCIPAL: '1000000',
      RATE_LIMIT_PER_IP: '1000000',
      ...simulatorCredentialsEnv(`http://${HOST}:${simulatorPort}`, dataDir),
      ...options.simulator,
    };
    // Our tables in DATA_DIR's SQLite file unless the options name a database, whatever the caller's environment says.
    if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
    else delete env.DATABASE_URL;
    const config = loadAppConfig(env);
    const cli = resolveBinary('cli', { log: (message: string) => console.log(`[temporal] ${message}`) });
    if (!cli) throw new Error('no Temporal CLI: run `npm run temporal:provision`');
    /** `ports`: the process's own listening ports, e.g. a second API's PORT. */
    const spec = (name: string, command: string, args: readonly string[], ports: Record<string, number> = {}) => ({
      name,
      command,
      args,
      cwd: ROOT,
      env: { ...env, ...Object.fromEntries(Object.entries(ports).map(([key, port]) => [key, String(port)])) },
      logFile: path.join(dataDir, 'logs', `${name}.log`),
    });
    const temporalServer = new ManagedProcess(
      spec('temporal', cli, devServerArgs({
        host: HOST,
        port: temporalPort,
        uiPort,
        dbFilename: path.join(dataDir, 'temporal.sqlite'),
        namespace: temporalConnection(env).namespace,
      })),
    );
    const simulator = new ManagedProcess(spec('simulator', process.execPath, APP_ARGS.simulator));
    const replica = (name: string, args: readonly string[], index: number, ports: Record<string, number>) =>
      new ManagedProcess(spec(index === 0 ? name : `${name}-${index + 1}`, process.execPath, args, ports));
    const apiProcesses = apiPorts.map((port, index) => replica('api', APP_ARGS.api, index, { PORT: port, WORKER_PORT: workerPorts[index] }));
    const workers = options.workerAsChild === false
      ? []
      : workerPorts.map((port, index) => ({
          process: replica('worker', APP_ARGS.worker, index, { WORKER_PORT: port }),
          probes: new JsonHttp(`http://${HOST}:${port}`),
        }));
    const system = new FaultSystem(
      env,
      config,
      apiPorts.map((port) => new EscaladeApi(`http://${HOST}:${port}`)),
      new SimulatorClient(`http://${HOST}:${simulatorPort}`),
      temporalServer,
      [simulator, ...apiProcesses, ...workers.map((worker) => worker.process)],
      workers,
      apiProcesses,
    );
    try {
      // As `npm start`: our tables first (replicas: by the workers, together), then the server, Microsoft, and the apps.
      if (replicas === 1) await migrate(config);
      await system.startTemporal();
      simulator.start();
      await system.ready(simulator, () => system.simulator.health());
      workers.forEach((worker) => worker.process.start());
      if (replicas > 1) await Promise.all(workers.map((worker) => system.workerPolling(worker.process)));
      // One after the other: the first makes local mode's admin key, the others find it.
      for (const [index, api] of apiProcesses.entries()) {
        api.start();
        await system.ready(api, () => system.apis[index].http.ok('GET', '/health'));
      }
      // Local mode (no identity configured): the API made its admin key, bound to every partner tenant, before listening.
      const adminKey = fs.readFileSync(path.join(dataDir, LOCAL_ADMIN_KEY_FILE), 'utf8').trim();
      system.apis.forEach((api) => api.authenticateWith(adminKey));
      if (replicas === 1 && workers[0]) await system.workerPolling(workers[0].process);
    } catch (err) {
      await system.stop();
      throw new Error(`${(err as Error).message}\n(logs in ${dataDir}/logs)`);
    }
    return system;
  }

  /** The first API, which every phase drives. */
  get api(): EscaladeApi {
    return this.apis[0];
  }

  /** A severity's break/fix response window on this run's clock (SLA_TIME_SCALE). */
  responseWindowMs(severity: Severity): number {
    const policy = loadSlaPolicy(this.config);
    return policy.breakFixMinutes[severity] * 60_000 * policy.timeScale;
  }

  /** Workflows matching a visibility query, e.g. `ExecutionStatus = 'Running'` or `EscaladeStatus = 'responded'`. */
  async countWorkflows(query: string): Promise<number> {
    return this.withTemporal(async (connection) => {
      const client = new Client({ connection, namespace: this.temporal.namespace });
      return (await client.workflow.count(query)).count;
    });
  }

  /** What a ticket's workflow holds, as its query answers. */
  workflowState(workflowId: string): Promise<TicketState> {
    return this.withTicketClient((client) => client.workflow.getHandle(workflowId).query(ticketStateQuery));
  }

  /** A Temporal client that reads the tickets' workflows: their payloads opened with the run's key ring, as the apps do. */
  withTicketClient<T>(call: (client: Client) => Promise<T>): Promise<T> {
    const dataConverter = dataConverterFor(keyRingFrom(this.config));
    return this.withTemporal((connection) => call(new Client({ connection, namespace: this.temporal.namespace, dataConverter })));
  }

  async crashWorker(): Promise<void> {
    this.downSince = Date.now();
    await this.requireWorker().kill();
    this.kills.worker += 1;
  }

  /** Starts the worker again; resolves once it polls its task queue. */
  async restartWorker(): Promise<void> {
    const worker = this.requireWorker();
    const startedAt = Date.now();
    worker.start();
    await this.workerPolling(worker);
    this.restartMs.worker.push(Date.now() - startedAt);
    this.outages.push([this.downSince, Date.now()]);
  }

  async crashTemporal(): Promise<void> {
    this.downSince = Date.now();
    await this.temporalServer.kill();
    this.kills.temporal += 1;
  }

  /** Starts the dev server again on the same SQLite file and port; resolves once it accepts connections. */
  async restartTemporal(): Promise<void> {
    const startedAt = Date.now();
    await this.startTemporal();
    this.restartMs.temporal.push(Date.now() - startedAt);
    this.outages.push([this.downSince, Date.now()]);
  }

  /** Kills every process; the temporary folder (SQLite files, logs: `config.DATA_DIR`) stays for the caller. */
  async stop(): Promise<void> {
    await Promise.all([...this.processes, this.temporalServer].map((managed) => managed.kill()));
  }

  private async startTemporal(): Promise<void> {
    this.temporalServer.start();
    const [host, port] = this.temporal.address.split(':');
    await this.ready(this.temporalServer, async () => (await canConnect(host, Number(port))) || undefined);
  }

  private async ready(managed: ManagedProcess, probe: () => Promise<unknown>): Promise<void> {
    try {
      await eventually(`${managed.spec.name} serving`, async () => {
        if (!managed.running) throw new Error(`${managed.spec.name} exited`);
        return probe();
      }, { timeoutMs: START_TIMEOUT_MS });
    } catch (err) {
      throw new Error(`${(err as Error).message}\n--- end of ${managed.spec.logFile}:\n${managed.logTail()}`);
    }
  }

  /** Resolves once the worker in process `pid` (this one, when it hosts the worker) polls its task queue. */
  async awaitWorkerPolling(pid: number): Promise<void> {
    await eventually('the worker polling its task queue', () => this.polling(pid), { timeoutMs: START_TIMEOUT_MS });
  }

  private workerPolling(worker: ManagedProcess): Promise<void> {
    return this.ready(worker, () => this.polling(worker.pid));
  }

  /** True once Temporal lists a workflow poller with the process's identity (`<pid>@<host>`, the SDK's default). */
  private polling(pid: number | undefined): Promise<true | undefined> {
    return this.withTemporal(async (connection) => {
      const { pollers } = await connection.workflowService.describeTaskQueue({
        namespace: this.temporal.namespace,
        taskQueue: { name: this.config.TEMPORAL_TASK_QUEUE },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      });
      return pollers.some((poller) => poller.identity === `${pid}@${os.hostname()}`) || undefined;
    });
  }

  /** A connection for one call: the server may have been restarted since the last one. */
  private async withTemporal<T>(call: (connection: Connection) => Promise<T>): Promise<T> {
    const connection = await Connection.connect(this.temporal.clientOptions({ connectTimeout: '2 seconds' }));
    try {
      return await call(connection);
    } finally {
      await connection.close();
    }
  }

  private requireWorker(): ManagedProcess {
    const [worker] = this.workers;
    if (!worker) throw new Error('the worker runs in the caller’s process');
    return worker.process;
  }
}
