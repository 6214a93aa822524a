import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { AppConfig } from '@escalade/config';
import { EventStore } from '@escalade/event-store';
import { MicrosoftSupport } from '@escalade/microsoft-support';
import { AlertDeliveryStore, AlertDispatcher, AlertStore, AlertSubscriptionStore } from '@escalade/persistence';
import { createServiceRequestActivities } from '../activities/service-request.activities';
import { workflowCodeOptions } from './workflow-code';

/** Hosts the Temporal Worker: `run()` resolves once the worker has shut down (Ctrl-C, SIGTERM or `shutdown()`). */
@Injectable()
export class TemporalWorkerService implements OnModuleDestroy {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private worker?: Worker;

  constructor(
    private readonly config: ConfigService<AppConfig, true>,
    private readonly microsoftSupport: MicrosoftSupport,
    private readonly alerts: AlertStore,
    private readonly events: EventStore,
    private readonly subscriptions: AlertSubscriptionStore,
    private readonly deliveries: AlertDeliveryStore,
  ) {}

  async run(): Promise<void> {
    const address = this.config.get('TEMPORAL_ADDRESS', { infer: true });
    const taskQueue = this.config.get('TEMPORAL_TASK_QUEUE', { infer: true });
    const connection = await NativeConnection.connect({ address });
    try {
      this.worker = await Worker.create({
        connection,
        namespace: this.config.get('TEMPORAL_NAMESPACE', { infer: true }),
        taskQueue,
        ...workflowCodeOptions(),
        activities: createServiceRequestActivities({
          microsoftSupport: this.microsoftSupport,
          alerts: this.alerts,
          alertDispatcher: new AlertDispatcher(this.subscriptions, this.deliveries),
          events: this.events,
          logger: this.logger,
        }),
      });
      this.logger.log(`polling task queue "${taskQueue}" on ${address}`);
      await this.worker.run();
    } finally {
      await connection.close();
    }
  }

  shutdown(): void {
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
  }

  onModuleDestroy(): void {
    this.shutdown();
  }
}
