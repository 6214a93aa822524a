import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { PartnerCenterCredentialsService } from '../partner-center/partner-center-credentials.service';
import { withinHealthTimeout } from './health-timeout';
import { healthFailure } from './health-failure';

const FAILING =
  'tickets cannot be filed with Microsoft: they wait in handing-off and file by themselves once the credentials work again ' +
  '(a new refresh token: PUT /partner-center/credentials)';

/**
 * Partner Center's app credentials, as the worker last wrote their status: `credentials` ok, failing, unknown (nothing
 * written yet) or not-used (in-process, or a static development token). Failing is shown, with `attention`, not failed:
 * the API works, no ticket is lost, and taking it out of its load balancer would hide the tickets and the endpoint
 * that fixes the credentials.
 */
@Injectable()
export class PartnerCenterHealthIndicator {
  constructor(
    private readonly credentials: PartnerCenterCredentialsService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check<const Key extends string>(key: Key) {
    const indicator = this.indicators.check(key);
    try {
      const { state, ...details } = await withinHealthTimeout(this.credentials.status());
      if (state !== 'failing') return indicator.up({ credentials: state, ...details });
      return indicator.up({ credentials: state, ...details, attention: FAILING });
    } catch (err) {
      return indicator.down({ message: `status unknown: ${healthFailure(key, err)}` });
    }
  }
}
