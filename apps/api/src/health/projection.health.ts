import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { TicketsProjection } from '@escalade/persistence';
import { withinHealthTimeout } from './health-timeout';

/**
 * The tickets read model: where it is in the log (`checkpoint`, `head`, `lag`) and how many events it could not fold
 * (`parked`). Lag is normal after an outage and reported only; a parked event is a ticket the board shows wrong
 * until someone replays it, so it makes the API not ready.
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
      if (status.parked > 0) return indicator.down({ ...status, message: `${status.parked} event(s) parked: the projection could not fold them` });
      return indicator.up({ ...status });
    } catch (err) {
      return indicator.down({ message: `status unknown: ${(err as Error).message}` });
    }
  }
}
