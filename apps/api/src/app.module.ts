import { Module } from '@nestjs/common';
import { AppConfigModule } from '@escalade/config';
import { HealthController } from './health/health.controller';
import { ServiceRequestsModule } from './service-requests/service-requests.module';
import { TemporalModule } from './temporal/temporal.module';

@Module({
  imports: [AppConfigModule, TemporalModule, ServiceRequestsModule],
  controllers: [HealthController],
})
export class AppModule {}
