import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PartnerCenterModule } from '../partner-center/partner-center.module';
import { HealthController } from './health.controller';
import { JournalHealthIndicator } from './journal.health';
import { PartnerCenterHealthIndicator } from './partner-center.health';
import { ProjectionHealthIndicator } from './projection.health';
import { TemporalHealthIndicator } from './temporal.health';

/** Liveness and readiness; the Temporal client, the configuration, the database and its stores come from their global modules. */
@Module({
  imports: [TerminusModule, PartnerCenterModule],
  controllers: [HealthController],
  providers: [TemporalHealthIndicator, ProjectionHealthIndicator, JournalHealthIndicator, PartnerCenterHealthIndicator],
})
export class HealthModule {}
