import { applyDecorators, Controller, Get, Header, type Type, UseGuards } from '@nestjs/common';
import { processRegistry } from './process-registry';
import { MetricsScrape } from './metrics-scrape';
import { MetricsTokenGuard } from './metrics-token.guard';

/** `GET /metrics`, in Prometheus' text format, for the bearer of the metrics token; `decorators`: the app's own (see MetricsModule). */
export function metricsController(decorators: ClassDecorator[]): Type<unknown> {
  @Controller('metrics')
  @UseGuards(MetricsTokenGuard)
  @applyDecorators(...decorators)
  class MetricsController {
    constructor(private readonly scrape: MetricsScrape) {}

    @Get()
    @Header('Content-Type', processRegistry.contentType)
    @Header('Cache-Control', 'no-store')
    exposition(): Promise<string> {
      return this.scrape.text();
    }
  }
  return MetricsController;
}
