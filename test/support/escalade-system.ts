import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import { ApiKeyStore } from '@escalade/persistence';
import type { TicketView } from '@escalade/contract';
import { createApiApp, LOCAL_ADMIN_KEY_FILE, loadAppModule } from '@escalade/api';
import { loadWorkerModule, TemporalWorkerService } from '@escalade/worker';
import { startDevServer } from './temporal-servers';

/** The most RATE_LIMIT_PER_PRINCIPAL and RATE_LIMIT_PER_IP take: no test reaches it. */
const GENEROUS_RATE_LIMIT = 1_000_000;

export interface EscaladeSystemOptions {
  /**
   * Where `adminKey` comes from: `local-mode` (default) reads the key the API made on its first start in local mode;
   * `api-key-store` creates an admin key bound to every partner tenant in the API's ApiKeyStore, as
   * `npm run api-keys:create` does (Entra mode has no local admin key).
   */
  adminKey?: 'local-mode' | 'api-key-store';
}

/** The real API and worker, wired through the environment exactly as `npm start` wires them, on a given Temporal server. */
export class EscaladeSystem {
  api!: INestApplication;
  /** Where the API listens, for clients that need a real socket (Server-Sent Events). */
  url!: string;
  /** An admin API key bound to every partner tenant: local mode's, or one made in the store (see EscaladeSystemOptions). */
  adminKey!: string;
  private worker!: INestApplicationContext;
  private running!: Promise<void>;
  private readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-e2e-'));
  private readonly savedEnv = { ...process.env };

  constructor(
    private readonly env: TestWorkflowEnvironment,
    private readonly settings: Record<string, string> = {},
    private readonly options: EscaladeSystemOptions = {},
  ) {}

  async start(): Promise<void> {
    Object.assign(process.env, {
      TEMPORAL_ADDRESS: this.env.address,
      TEMPORAL_NAMESPACE: this.env.namespace ?? 'default',
      TEMPORAL_TASK_QUEUE: `e2e-${process.pid}`,
      DATA_DIR: this.dataDir,
      // Tests send thousands of requests a minute as one principal: a test of the limits sets its own.
      RATE_LIMIT_PER_PRINCIPAL: String(GENEROUS_RATE_LIMIT),
      RATE_LIMIT_PER_IP: String(GENEROUS_RATE_LIMIT),
      // The tests' webhook receivers listen on loopback: admitted as a local deployment would admit its own.
      ALERT_ALLOWED_HOSTS: '127.0.0.1,::1',
      // Warnings and errors, as the apps' `logger` options below: one process, one pino logger (the worker's, made first).
      LOG_LEVEL: 'warn',
      ...this.settings,
    });
    // The modules validate the environment when they load, so they are loaded only once it is set.
    const WorkerModule = await loadWorkerModule();
    const AppModule = await loadAppModule();
    this.worker = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
    this.running = this.worker.get(TemporalWorkerService).run();
    this.api = await createApiApp(AppModule, { logger: ['error', 'warn'] });
    await this.api.listen(0, '127.0.0.1');
    this.url = await this.api.getUrl();
    this.adminKey = this.options.adminKey === 'api-key-store' ? await this.createAdminKey() : this.localAdminKey();
  }

  /**
   * The API's Temporal client: it encrypts and decrypts payloads under the system's key (its DATA_DIR's, shared with
   * the worker), so it reads what the workflows return, their queries and memos, which `env.client` cannot.
   */
  get temporal(): Client {
    return this.api.get(Client);
  }

  private localAdminKey(): string {
    return fs.readFileSync(path.join(this.dataDir, LOCAL_ADMIN_KEY_FILE), 'utf8').trim();
  }

  private async createAdminKey(): Promise<string> {
    const store = this.api.get(ApiKeyStore, { strict: false });
    const { key } = await store.create({ name: 'e2e admin', partnerTenantIds: '*', role: 'admin', createdBy: 'EscaladeSystem (test)' });
    return key;
  }

  /** Requests to the API as the admin (`adminKey`), or with another credential (e.g. an API key a test made). */
  http(credential: string = this.adminKey): request.Agent {
    return request.agent(this.api.getHttpServer()).auth(credential, { type: 'bearer' });
  }

  /** The Authorization header of `credential` (`adminKey` by default), for clients other than supertest. */
  authorization(credential: string = this.adminKey): Record<string, string> {
    return { authorization: `Bearer ${credential}` };
  }

  /** Polls `GET /service-requests/:id` until `done` holds (and fails, showing the ticket, when it never does). */
  async waitForTicket(id: string, done: (ticket: TicketView) => boolean, timeoutMs = 20_000): Promise<TicketView> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const { body } = await this.http().get(`/service-requests/${id}`).expect(200);
      if (done(body)) return body;
      if (Date.now() > until) throw new Error(`ticket ${id} never got there: ${JSON.stringify(body)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async stop(): Promise<void> {
    await this.api?.close();
    this.worker?.get(TemporalWorkerService).shutdown();
    await this.running;
    await this.worker?.close();
    process.env = this.savedEnv;
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** A Temporal dev server and an EscaladeSystem on it, as onEscaladeSystem gives them to its `describe`. */
export interface RunningEscaladeSystem {
  readonly env: TestWorkflowEnvironment;
  readonly system: EscaladeSystem;
}

/**
 * A Temporal dev server and the system on it (`settings`, `options`: see EscaladeSystem) for the enclosing `describe`:
 * started before its tests, stopped after them. Its `env` and `system` are there once the `beforeAll` it registers has
 * run; reading them sooner (in the `describe` body itself) throws.
 */
export function onEscaladeSystem(settings: Record<string, string> = {}, options: EscaladeSystemOptions = {}): RunningEscaladeSystem {
  let env: TestWorkflowEnvironment | undefined;
  let system: EscaladeSystem | undefined;
  beforeAll(async () => {
    env = await startDevServer();
    system = new EscaladeSystem(env, settings, options);
    await system.start();
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
    await env?.teardown();
  });
  return {
    get env() {
      return startedYet('env', env);
    },
    get system() {
      return startedYet('system', system);
    },
  };
}

function startedYet<T>(name: string, value: T | undefined): T {
  if (value === undefined) {
    throw new Error(`onEscaladeSystem: no ${name} yet: it is there once the beforeAll it registers has run (read it in a hook or a test)`);
  }
  return value;
}
