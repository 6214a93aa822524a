import { Module } from '@nestjs/common';
import { MetricsModule } from '@escalade/metrics';
import { ProjectionGauges } from './projection.gauges';
import { TemporalRuntimeMetrics } from './temporal-runtime-metrics';

/**
 * The worker's `/metrics` on WORKER_PORT (README, Metrics): what the process counts, the projection's standing, and
 * Temporal's runtime metrics, whose exporter the runtime is installed with (TemporalRuntimeMetrics.installWith).
 */
@Module({
  imports: [MetricsModule.forRoot()],
  providers: [ProjectionGauges, TemporalRuntimeMetrics],
  exports: [TemporalRuntimeMetrics],
})
export class WorkerMetricsModule {}
