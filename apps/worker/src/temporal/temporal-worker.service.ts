import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerStatus } from '@temporalio/worker';
import { AlertDispatcher } from '@escalade/alerting';
import { temporalConnection, TicketPolicy, type AppConfig } from '@escalade/config';
import { EventStore } from '@escalade/event-store';
import { MicrosoftSupport } from '@escalade/microsoft-support';
import { dataConverterFor, KeyRing } from '@escalade/secrets';
import { JournalFaultStore, MicrosoftWatchStore } from '@escalade/persistence';
import { microsoftTicketUpdatedSignal } from '@escalade/workflows';
import { createServiceRequestActivities } from '../activities/service-request.activities';
import { MicrosoftWatchPoller } from '../microsoft/microsoft-watch.poller';
import { workflowCodeOptions } from './workflow-code';

/** The worker is not taking work: not started yet, or draining after SIGTERM. */
export class WorkerNotPollingError extends Error {
  constructor(readonly state: string) {
    super(`the worker is not polling (${state.toLowerCase()})`);
  }
}

/**
 * Hosts the Temporal Worker and, unless Microsoft is in-process, the watch poller beside it: `run()` resolves once
 * the worker has shut down (Ctrl-C, SIGTERM or `shutdown()`).
 */
@Injectable()
export class TemporalWorkerService implements OnModuleDestroy {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private worker?: Worker;
  private connection?: NativeConnection;
  private poller?: MicrosoftWatchPoller;
  /** shutdown() came before the worker was running: run() stops it as soon as it is. */
  private stopRequested = false;

  constructor(
    private readonly config: ConfigService<AppConfig, true>,
    private readonly microsoftSupport: MicrosoftSupport,
    private readonly alertDispatcher: AlertDispatcher,
    private readonly events: EventStore,
    private readonly microsoftWatches: MicrosoftWatchStore,
    private readonly journalFaults: JournalFaultStore,
    private readonly keyRing: KeyRing,
    private readonly policy: TicketPolicy,
  ) {}

  async run(): Promise<void> {
    const temporal = temporalConnection();
    const { namespace } = temporal;
    const taskQueue = this.config.get('TEMPORAL_TASK_QUEUE', { infer: true });
    // Payloads encrypted under the key ring, which the API's comes from too (the same settings, or local mode's
    // DATA_DIR/secrets.key): each reads what the other wrote.
    const dataConverter = dataConverterFor(this.keyRing);
    const connection = await NativeConnection.connect(temporal.workerOptions());
    this.connection = connection;
    let signalling: Connection | undefined;
    try {
      // The interval the API opens tickets with (the same TicketPolicy); none for the in-process Microsoft.
      const intervalMs = this.policy.microsoftPollIntervalMs;
      if (intervalMs !== undefined) {
        signalling = await Connection.connect(temporal.clientOptions());
        this.poller = this.watchPoller(new Client({ connection: signalling, namespace, dataConverter }), intervalMs);
      }
      this.worker = await Worker.create({
        connection,
        namespace,
        taskQueue,
        dataConverter,
        shutdownGraceTime: this.config.get('WORKER_SHUTDOWN_GRACE_MS', { infer: true }),
        // One V8 context for every workflow (the SDK's default, said here because the cache size above relies on it).
        reuseV8Context: true,
        maxCachedWorkflows: this.config.get('WORKER_MAX_CACHED_WORKFLOWS', { infer: true }),
        ...workflowCodeOptions(),
        activities: createServiceRequestActivities({
          microsoftSupport: this.microsoftSupport,
          alertDispatcher: this.alertDispatcher,
          events: this.events,
          microsoftWatches: this.microsoftWatches,
          journalFaults: this.journalFaults,
          logger: this.logger,
        }),
      });
      this.logger.log(`polling task queue "${taskQueue}" on ${temporal.description}`);
      const running = this.worker.run();
      // Asked to stop while it was being created (a test that ends at once, Ctrl-C at start): it stops now.
      if (this.stopRequested) this.worker.shutdown();
      else this.poller?.start();
      await running;
    } finally {
      await this.poller?.stop();
      await signalling?.close();
      await connection.close();
    }
  }

  /** The SDK worker's figures (activities in flight, workflows cached …); undefined until it runs. */
  status(): WorkerStatus | undefined {
    return this.worker?.getStatus();
  }

  /** Resolves when the worker polls its task queue and its Temporal server answers by `deadline` (readiness). */
  async polling(deadline: number): Promise<void> {
    const state = this.worker?.getState() ?? 'INITIALIZED';
    if (state !== 'RUNNING' || !this.connection) throw new WorkerNotPollingError(state);
    const { connection } = this;
    await connection.withDeadline(deadline, () => connection.workflowService.getSystemInfo({}));
  }

  /** The poller stops first: nothing is signalled from a worker shutting down. */
  shutdown(): void {
    this.stopRequested = true;
    void this.poller?.stop();
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
  }

  onModuleDestroy(): void {
    this.shutdown();
  }

  private watchPoller(client: Client, intervalMs: number): MicrosoftWatchPoller {
    this.logger.log(`following the tickets at Microsoft every ${intervalMs} ms`);
    return new MicrosoftWatchPoller({
      microsoftSupport: this.microsoftSupport,
      watches: this.microsoftWatches,
      signal: (workflowId, update) => client.workflow.getHandle(workflowId).signal(microsoftTicketUpdatedSignal, update),
      intervalMs,
      logger: new Logger(MicrosoftWatchPoller.name),
    });
  }
}
