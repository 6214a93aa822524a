import { Module } from '@nestjs/common';
import { loggingModule } from '@escalade/logging';
import { WorkerMetricsModule } from '../metrics/worker-metrics.module';
import { activityLogFields } from './ticket-log-fields';
import { TemporalRuntime } from './temporal-runtime';

/** The worker's logs through pino (LOG_FORMAT, LOG_LEVEL): its own, Temporal's, each naming the ticket it concerns. */
@Module({
  imports: [
    loggingModule({
      name: 'worker',
      mixin: activityLogFields,
      accessLog: { quietPaths: ['/health/live', '/health/ready', '/metrics'] },
    }),
    // Temporal's runtime is installed with its metrics' exporter (TemporalRuntime).
    WorkerMetricsModule,
  ],
  providers: [TemporalRuntime],
})
export class WorkerLoggingModule {}
