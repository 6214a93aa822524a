import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { JournalFaultStore } from '@escalade/persistence';
import { withinHealthTimeout } from './health-timeout';
import { healthFailure } from './health-failure';

const OLDEST = 1;

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
      const [count, oldest] = await withinHealthTimeout(Promise.all([this.faults.count(), this.faults.list(OLDEST)]));
      if (count === 0) return indicator.up({ faults: 0 });
      // Health is open to anyone: counts and times only, never a stream (its partner tenant and ticket id) or reason.
      return indicator.up({
        faults: count,
        oldestAt: oldest[0]?.faultedAt,
        attention: `${count} ticket stream(s) refuse their events: the worker's log and the journal_faults table name them`,
      });
    } catch (err) {
      return indicator.down({ message: `status unknown: ${healthFailure(key, err)}` });
    }
  }
}
