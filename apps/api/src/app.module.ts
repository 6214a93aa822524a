import { Module } from '@nestjs/common';
import { appConfigModule } from '@escalade/config';
import { DatabaseModule } from '@escalade/persistence';
import { AlertsModule } from './alerts/alerts.module';
import { AuthModule } from './auth/auth.module';
import { CodecModule } from './codec/codec.module';
import { ConsoleModule } from './console/console.module';
import { EligibilityModule } from './eligibility/eligibility.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { ApiMetricsModule } from './metrics/api-metrics.module';
import { rateLimitedAuthentication } from './http/rate-limit.module';
import { PartnerCenterModule } from './partner-center/partner-center.module';
import { ProjectionsModule } from './projections/projections.module';
import { ReportsModule } from './reports/reports.module';
import { ServiceRequestsModule } from './service-requests/service-requests.module';
import { ShutdownModule } from './shutdown/shutdown.module';
import { SupportTopicsModule } from './support-topics/support-topics.module';
import { TemporalModule } from './temporal/temporal.module';

@Module({
  // The API only reads our tables; the worker applies the migrations.
  imports: [
    appConfigModule(),
    TemporalModule,
    DatabaseModule.forRoot({ runMigrations: false }),
    ShutdownModule,
    // Rate limits per address before authentication, per principal after it.
    ...rateLimitedAuthentication(AuthModule),
    ServiceRequestsModule,
    EligibilityModule,
    EventsModule,
    AlertsModule,
    ReportsModule,
    ProjectionsModule,
    SupportTopicsModule,
    PartnerCenterModule,
    CodecModule,
    ConsoleModule,
    HealthModule,
    ApiMetricsModule,
  ],
})
export class AppModule {}
