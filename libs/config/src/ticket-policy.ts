import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { SlaPolicy } from '@escalade/domain';
import type { AppConfig } from './app-config';
import { microsoftPollIntervalMs } from './microsoft-poll-interval';
import { loadSlaPolicy } from './sla-policy.loader';

/**
 * What every ticket is opened under, loaded once from the configuration: the SLA policy (SLA_POLICY_FILE on the
 * default, SLA_TIME_SCALE) and how often Microsoft is asked about it. The API starts workflows with it and the
 * worker's watch poller runs at its interval, so the two never disagree.
 */
@Injectable()
export class TicketPolicy {
  readonly sla: SlaPolicy;
  /** Only Partner Center (or its simulator) can be asked whether Microsoft answered: undefined for the in-process one. */
  readonly microsoftPollIntervalMs?: number;

  constructor(config: ConfigService<AppConfig, true>) {
    this.sla = loadSlaPolicy({
      SLA_POLICY_FILE: config.get('SLA_POLICY_FILE', { infer: true }),
      SLA_TIME_SCALE: config.get('SLA_TIME_SCALE', { infer: true }),
    });
    this.microsoftPollIntervalMs = microsoftPollIntervalMs(
      {
        MICROSOFT_SUPPORT: config.get('MICROSOFT_SUPPORT', { infer: true }),
        MICROSOFT_POLL_INTERVAL_MS: config.get('MICROSOFT_POLL_INTERVAL_MS', { infer: true }),
      },
      this.sla,
    );
  }
}
