import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AlertingModule } from '@escalade/alerting';
import { appConfigModule } from '@escalade/config';
import { DatabaseModule } from '@escalade/persistence';
import { HealthController } from './health/health.controller';
import { WorkerLoggingModule } from './logging/worker-logging.module';
import { WorkerMetricsModule } from './metrics/worker-metrics.module';
import { ReadinessChecks } from './health/readiness-checks';
import { microsoftSupportProvider } from './microsoft/microsoft-support.provider';
import { SupportTopicsCheck } from './microsoft/support-topics.check';
import { TicketsProjector } from './projections/tickets-projector.service';
import { TemporalWorkerService } from './temporal/temporal-worker.service';

@Module({
  // The worker owns the schema: it applies pending migrations before it polls.
  imports: [appConfigModule(), WorkerLoggingModule, DatabaseModule.forRoot({ runMigrations: true }), AlertingModule, TerminusModule, WorkerMetricsModule],
  // Probes (and metrics) on WORKER_PORT: the worker serves no API.
  controllers: [HealthController],
  providers: [
    ReadinessChecks,
    microsoftSupportProvider,
    SupportTopicsCheck,
    TemporalWorkerService,
    TicketsProjector,
  ],
})
export class WorkerModule {}
