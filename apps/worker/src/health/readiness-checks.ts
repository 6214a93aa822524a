import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { AppConfig } from '@escalade/config';
import { TicketsProjection } from '@escalade/persistence';
import { TemporalWorkerService, WorkerNotPollingError } from '../temporal/temporal-worker.service';

/** How long readiness waits for each dependency: the probe answers well within its caller's own time-out. */
export const READINESS_TIMEOUT_MS = 2_000;

/** `work`'s result, or a rejection once READINESS_TIMEOUT_MS have passed without one. */
export function withinReadinessTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${READINESS_TIMEOUT_MS} ms`)), READINESS_TIMEOUT_MS);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** What the worker needs beyond its database to do its work: Temporal, and a projector keeping up with the log. */
@Injectable()
export class ReadinessChecks {
  constructor(
    private readonly worker: TemporalWorkerService,
    private readonly projection: TicketsProjection,
    private readonly config: ConfigService<AppConfig, true>,
    private readonly indicators: HealthIndicatorService,
  ) {}

  /** Up while the worker polls and its Temporal server answers; down while it starts or drains after SIGTERM. */
  async temporal<const Key extends string>(key: Key) {
    const indicator = this.indicators.check(key);
    try {
      await this.worker.polling(Date.now() + READINESS_TIMEOUT_MS);
      return indicator.up();
    } catch (err) {
      // A state is ours to show; a connection's error text is not (health is public).
      return indicator.down({ message: err instanceof WorkerNotPollingError ? err.message : 'Temporal server not reachable' });
    }
  }

  /** Down once the read model is more than PROJECTION_LAG_LIMIT events behind the log: the projector is stuck or far behind. */
  async projector<const Key extends string>(key: Key) {
    const indicator = this.indicators.check(key);
    const limit = this.config.get('PROJECTION_LAG_LIMIT', { infer: true });
    try {
      const { checkpoint, head, lag } = await withinReadinessTimeout(this.projection.status());
      if (lag <= limit) return indicator.up({ checkpoint, head, lag });
      return indicator.down({ checkpoint, head, lag, message: `${lag} events behind the log (limit ${limit})` });
    } catch {
      return indicator.down({ message: 'projection status unknown: the database did not answer' });
    }
  }
}
