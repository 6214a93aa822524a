import { Module } from '@nestjs/common';
import { AlertingModule } from '@escalade/alerting';
import { appConfigModule } from '@escalade/config';
import { DatabaseModule } from '@escalade/persistence';
import { microsoftSupportProvider } from './microsoft/microsoft-support.provider';
import { SupportTopicsCheck } from './microsoft/support-topics.check';
import { TicketsProjector } from './projections/tickets-projector.service';
import { TemporalWorkerService } from './temporal/temporal-worker.service';

@Module({
  // The worker owns the schema: it applies pending migrations before it polls.
  imports: [appConfigModule(), DatabaseModule.forRoot({ runMigrations: true }), AlertingModule],
  providers: [
    microsoftSupportProvider,
    SupportTopicsCheck,
    TemporalWorkerService,
    TicketsProjector,
  ],
})
export class WorkerModule {}
