import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Client } from '@temporalio/client';
import { HEALTH_TIMEOUT_MS } from './health-timeout';
import { healthFailure } from './health-failure';

/** Up when the Temporal server answers getSystemInfo in time. */
@Injectable()
export class TemporalHealthIndicator {
  constructor(
    private readonly client: Client,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check<const Key extends string>(key: Key) {
    const indicator = this.indicators.check(key);
    try {
      await this.client.connection.withDeadline(Date.now() + HEALTH_TIMEOUT_MS, () => this.client.workflowService.getSystemInfo({}));
      return indicator.up();
    } catch (err) {
      return indicator.down({ message: `Temporal server not reachable: ${healthFailure(key, err)}` });
    }
  }
}
