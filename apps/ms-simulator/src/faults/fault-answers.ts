import { grantRevoked } from '../entra/entra-error';
import { PartnerCenterException, unauthorized } from '../errors/partner-center.exception';
import { SimulatedAnswer } from '../errors/simulated-answer';
import type { FaultWindow } from './fault-windows.service';
import { type Operation, TOKEN_OPERATION } from './operations';

/**
 * What answers instead of the operation during a fault window. Partner Center: its throttling answer (as its API
 * throttling guidance shows it), a 500, or a 401. The token endpoint, in a credential outage: the refresh token is
 * refused as after a revocation.
 */
export function faultAnswer(window: FaultWindow, operation: Operation): SimulatedAnswer {
  if (operation === TOKEN_OPERATION) return grantRevoked();
  switch (window.kind) {
    case '429': {
      const seconds = window.retryAfterSeconds ?? Math.max(1, Math.ceil((Date.parse(window.endsAt) - Date.now()) / 1000));
      const body = { statusCode: 429, message: `Rate limit is exceeded. Try again in ${seconds} seconds.` };
      return new SimulatedAnswer(429, body, { 'Retry-After': String(seconds) });
    }
    case '500':
      return new PartnerCenterException(500, 'InternalServerError', 'An unexpected error occurred');
    case '401':
      return unauthorized('Access denied: the access token has been revoked');
  }
}
