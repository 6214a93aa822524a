import { Logger } from '@nestjs/common';
import { isGrpcServiceError } from '@temporalio/client';
import { unavailableDependency } from '../errors/dependency-unavailable';
import { HealthTimeoutError } from './health-timeout';

/** Why a check failed, as health (a public endpoint) tells it: a class of failure, never the error's own words. */
export type HealthFailure = 'timed out' | 'unreachable' | 'failed';

const GRPC_DEADLINE_EXCEEDED = 4;

const logger = new Logger('Health');

function isDeadlineExceeded(err: unknown): boolean {
  for (let e = err; e instanceof Error; e = e.cause) if (isGrpcServiceError(e) && e.code === GRPC_DEADLINE_EXCEEDED) return true;
  return false;
}

function classify(err: unknown): HealthFailure {
  if (err instanceof HealthTimeoutError || isDeadlineExceeded(err)) return 'timed out';
  return unavailableDependency(err) ? 'unreachable' : 'failed';
}

/** The failure of check `key` as health shows it; its detail goes to the log (which names the request). */
export function healthFailure(key: string, err: unknown): HealthFailure {
  const failure = classify(err);
  logger.warn(`${key} check ${failure}: ${err instanceof Error ? err.message : String(err)}`);
  return failure;
}
