import { HttpException, ServiceUnavailableException } from '@nestjs/common';
import { isGrpcServiceError, ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';

export type Dependency = 'database' | 'temporal' | 'identity-provider';

const DEPENDENCY_NAMES: Record<Dependency, string> = {
  database: 'The database',
  temporal: 'Temporal',
  'identity-provider': 'The identity provider (Entra ID)',
};

/** What a client is told to wait before retrying: outages worth a 503 last seconds, not minutes. */
const RETRY_AFTER_SECONDS = 5;

// gRPC status codes (@grpc/grpc-js `status`), as the Temporal client reports them.
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/** The socket to the database could not be opened or was lost. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01–57P03 (shutting down, crashed, not accepting
 * connections yet), 53300 (too many connections), 57014 (cancelled by statement_timeout).
 */
const POSTGRES_CODES = /^(08...|57P0[123]|53300|57014)$/;
/** SQLite (with its extended codes, e.g. SQLITE_IOERR_WRITE): locked past the busy timeout, or the file unusable. */
const SQLITE_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN)/;
/** node-postgres and its pool say so only in words. */
const POSTGRES_CLIENT_MESSAGES =
  /^(timeout exceeded when trying to connect|Connection terminated|Query read timeout|timeout expired|Client has encountered a connection error|Client was closed and is not queryable)/;

/** The dependency an error says is unreachable, if it says so; anything else is a bug or a bad request. */
export function unavailableDependency(err: unknown): Dependency | undefined {
  const chain = causes(err);
  if (chain.some(isTemporalUnavailable)) return 'temporal';
  if (chain.some(isDatabaseUnavailable)) return 'database';
  return undefined;
}

/** The API's 503 for a dependency that is down: names it, and tells when to retry (the filter sets Retry-After). */
export class DependencyUnavailableException extends ServiceUnavailableException {
  readonly retryAfterSeconds = RETRY_AFTER_SECONDS;

  constructor(
    readonly dependency: Dependency,
    cause?: unknown,
  ) {
    super(
      {
        statusCode: 503,
        error: 'Service Unavailable',
        message: `${DEPENDENCY_NAMES[dependency]} is unavailable; retry shortly`,
        dependency,
      },
      { cause },
    );
  }
}

/** A 503 naming the dependency when `err` says one is unreachable; any other error as it is. */
export function asDependencyUnavailable(err: unknown): unknown {
  if (err instanceof HttpException) return err;
  const dependency = unavailableDependency(err);
  return dependency ? new DependencyUnavailableException(dependency, err) : err;
}

/** The error itself and what it wraps: TypeORM's `driverError`, `cause`, an AggregateError's `errors`. */
function causes(err: unknown, seen = new Set<unknown>()): object[] {
  if (typeof err !== 'object' || err === null || seen.has(err)) return [];
  seen.add(err);
  const { driverError, cause, errors } = err as { driverError?: unknown; cause?: unknown; errors?: unknown };
  const nested = [driverError, cause, ...(Array.isArray(errors) ? errors : [])];
  return [err, ...nested.flatMap((inner) => causes(inner, seen))];
}

function isTemporalUnavailable(err: object): boolean {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  if (err instanceof ServiceError && err.message === 'Failed to connect to Temporal server') return true;
  return isGrpcServiceError(err) && (err.code === GRPC_UNAVAILABLE || err.code === GRPC_DEADLINE_EXCEEDED);
}

function isDatabaseUnavailable(err: object): boolean {
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || POSTGRES_CODES.test(code) || SQLITE_CODES.test(code))) return true;
  return typeof message === 'string' && POSTGRES_CLIENT_MESSAGES.test(message);
}
