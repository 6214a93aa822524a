import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { JournalFaultStore } from '@escalade/persistence';
import { withinHealthTimeout } from './health-timeout';

const FAULTS_SHOWN = 5;

/**
 * Journal faults: ticket streams that refused their workflow's events for good. Each is a ticket whose timeline and
 * read-model row stop there until an operator repairs it: shown, not failed (like parked events, it is one ticket,
 * not the API).
 */
@Injectable()
export class JournalHealthIndicator {
  constructor(
    private readonly faults: JournalFaultStore,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check<const Key extends string>(key: Key) {
    const indicator = this.indicators.check(key);
    try {
      const [count, oldest] = await withinHealthTimeout(Promise.all([this.faults.count(), this.faults.list(FAULTS_SHOWN)]));
      if (count === 0) return indicator.up({ faults: 0 });
      const streams = oldest.map(({ streamId, reason, faultedAt }) => ({ streamId, reason, faultedAt }));
      return indicator.up({ faults: count, streams, attention: `${count} ticket stream(s) refuse their events` });
    } catch (err) {
      return indicator.down({ message: `status unknown: ${(err as Error).message}` });
    }
  }
}
