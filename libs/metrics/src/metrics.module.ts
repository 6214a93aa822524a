import { type DynamicModule, Module } from '@nestjs/common';
import { metricsController } from './metrics.controller';
import { MetricsScrape } from './metrics-scrape';
import { MetricsTokenGuard } from './metrics-token.guard';

export interface MetricsModuleOptions {
  /**
   * Decorators the app puts on its `/metrics` controller, e.g. the API's `@Public()`: the route is outside the app's
   * own authentication, the metrics token guards it.
   */
  controllerDecorators?: ClassDecorator[];
}

/** `/metrics` for a Nest app, and the MetricsScrape its gauges and appended sources register with. */
@Module({})
export class MetricsModule {
  static forRoot({ controllerDecorators = [] }: MetricsModuleOptions = {}): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [metricsController(controllerDecorators)],
      providers: [MetricsScrape, MetricsTokenGuard],
      exports: [MetricsScrape],
    };
  }
}
