import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { JournalHealthIndicator } from './journal.health';
import { ProjectionHealthIndicator } from './projection.health';
import { TemporalHealthIndicator } from './temporal.health';

/** Liveness and readiness; the Temporal client, the database and its stores come from their global modules. */
@Module({
  imports: [TerminusModule],
  controllers: [HealthController],
  providers: [TemporalHealthIndicator, ProjectionHealthIndicator, JournalHealthIndicator],
})
export class HealthModule {}
