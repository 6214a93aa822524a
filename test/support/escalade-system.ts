import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import type { TicketView } from '../../apps/api/src/service-requests/service-requests.service';
import { createApiApp } from '../../apps/api/src/setup-app';
import { TemporalWorkerService } from '../../apps/worker/src/temporal/temporal-worker.service';

/** The real API and worker, wired through the environment exactly as `npm start` wires them, on a given Temporal server. */
export class EscaladeSystem {
  api!: INestApplication;
  /** Where the API listens, for clients that need a real socket (Server-Sent Events). */
  url!: string;
  private worker!: INestApplicationContext;
  private running!: Promise<void>;
  private readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-e2e-'));
  private readonly savedEnv = { ...process.env };

  constructor(
    private readonly env: TestWorkflowEnvironment,
    private readonly settings: Record<string, string> = {},
  ) {}

  async start(): Promise<void> {
    Object.assign(process.env, {
      TEMPORAL_ADDRESS: this.env.address,
      TEMPORAL_NAMESPACE: this.env.namespace ?? 'default',
      TEMPORAL_TASK_QUEUE: `e2e-${process.pid}`,
      DATA_DIR: this.dataDir,
      ...this.settings,
    });
    // The modules validate the environment when they load, so they are loaded only once it is set.
    const { WorkerModule } = await import('../../apps/worker/src/worker.module');
    const { AppModule } = await import('../../apps/api/src/app.module');
    this.worker = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
    this.running = this.worker.get(TemporalWorkerService).run();
    this.api = await createApiApp(AppModule, { logger: ['error', 'warn'] });
    await this.api.listen(0, '127.0.0.1');
    this.url = await this.api.getUrl();
  }

  /** Polls `GET /service-requests/:id` until `done` holds (and fails, showing the ticket, when it never does). */
  async waitForTicket(id: string, done: (ticket: TicketView) => boolean, timeoutMs = 20_000): Promise<TicketView> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const { body } = await request(this.api.getHttpServer()).get(`/service-requests/${id}`).expect(200);
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
