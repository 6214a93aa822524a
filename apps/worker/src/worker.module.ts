import { Module } from '@nestjs/common';
import { AppConfigModule } from '@escalade/config';
import { MicrosoftSupport, SimulatedMicrosoftSupport } from '@escalade/microsoft-support';
import { DatabaseModule } from '@escalade/persistence';
import { TicketsProjector } from './projections/tickets-projector.service';
import { TemporalWorkerService } from './temporal/temporal-worker.service';

@Module({
  // The worker owns the schema: it applies pending migrations before it polls.
  imports: [AppConfigModule, DatabaseModule.forRoot({ runMigrations: true })],
  providers: [
    { provide: MicrosoftSupport, useFactory: () => new SimulatedMicrosoftSupport() },
    TemporalWorkerService,
    TicketsProjector,
  ],
})
export class WorkerModule {}
