import { Module } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { MetricsModule } from '@escalade/metrics';
import { Public } from '../auth/auth.decorators';
import { OpenTicketsGauge } from './open-tickets.gauge';

/**
 * The API's `/metrics` (README, Metrics): outside API-key and Entra sign-in, the metrics token guards it; documented in
 * the README rather than OpenAPI, whose credentials it does not take. The request timer is middleware (setup-app.ts).
 */
@Module({
  imports: [MetricsModule.forRoot({ controllerDecorators: [Public(), ApiExcludeController()] })],
  providers: [OpenTicketsGauge],
})
export class ApiMetricsModule {}
