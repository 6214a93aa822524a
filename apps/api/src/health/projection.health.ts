import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { TicketsProjection } from '@escalade/persistence';
import { withinHealthTimeout } from './health-timeout';
import { healthFailure } from './health-failure';

/**
 * The tickets read model: where it is in the log (`checkpoint`, `head`, `lag`) and how many events it could not fold
 * (`parked`). Both are shown, neither fails readiness: a parked event is one ticket the board shows wrong until it is
 * replayed, and taking the whole API out of its load balancer for it would hide every other ticket too.
 */
@Injectable()
export class ProjectionHealthIndicator {
  constructor(
    private readonly projection: TicketsProjection,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check<const Key extends string>(key: Key) {
    const indicator = this.indicators.check(key);
    try {
      const status = await withinHealthTimeout(this.projection.status());
      if (status.parked === 0) return indicator.up({ ...status });
      return indicator.up({ ...status, attention: `${status.parked} event(s) parked: see GET /projections/parked` });
    } catch (err) {
      return indicator.down({ message: `status unknown: ${healthFailure(key, err)}` });
    }
  }
}
