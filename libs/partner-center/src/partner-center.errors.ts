/** Partner Center refused the call as made (4xx about the request, other than 401, 403, 408 and 429): the same call will fail again. */
export class PartnerCenterRejectedError extends Error {
  override readonly name = 'PartnerCenterRejectedError';

  constructor(
    readonly operation: string,
    readonly status: number,
    readonly code: number | undefined,
    readonly description: string,
    readonly errorName?: string,
  ) {
    super(`Partner Center rejected ${operation} (HTTP ${status}${code === undefined ? '' : `, code ${code}`}): ${description}`);
  }
}

/** Partner Center (or Entra ID, for a token) could not answer now (408, 429, 5xx, network failure, time-out): a later retry may succeed. */
export class PartnerCenterUnavailableError extends Error {
  override readonly name = 'PartnerCenterUnavailableError';

  readonly status?: number;
  /** How long the client sends nothing more (Retry-After); a retry before that fails at once without a request. */
  readonly retryAfterMs?: number;

  constructor(
    readonly operation: string,
    reason: string,
    details: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(`Partner Center unavailable for ${operation}: ${reason}`, { cause: details.cause });
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/**
 * Which of our credentials failed:
 * - `renewal-refused`: Entra ID refused to renew the access token (invalid_grant, invalid_client …);
 * - `refresh-token-unreadable`: the stored refresh token could not be read (database, encryption key);
 * - `partner-center-refused`: Partner Center answered 401/403 even to a freshly renewed token (or to the only, static, one).
 */
export type CredentialsFailure = 'renewal-refused' | 'refresh-token-unreadable' | 'partner-center-refused';

/** Our credentials are at fault, not the ticket: nothing about the request is wrong, and fixing the credentials cures it. */
export class PartnerCenterCredentialsError extends Error {
  override readonly name = 'PartnerCenterCredentialsError';

  /** Entra ID's or Partner Center's HTTP status, when one answered. */
  readonly status?: number;
  /** Entra ID's OAuth error, e.g. invalid_grant. */
  readonly error?: string;
  /** Entra ID's AADSTS numbers, e.g. [70008] for an expired refresh token. */
  readonly errorCodes?: number[];

  constructor(
    readonly operation: string,
    readonly failure: CredentialsFailure,
    reason: string,
    details: { status?: number; error?: string; errorCodes?: number[]; cause?: unknown } = {},
  ) {
    super(`Partner Center credentials failing for ${operation}: ${reason}`, { cause: details.cause });
    this.status = details.status;
    this.error = details.error;
    this.errorCodes = details.errorCodes;
  }
}

/**
 * True for failures a later retry can cure without changing the request: an outage, or our credentials (cured once
 * they are fixed, so the caller should back off and tell someone). A rejection, or any error not from this library, is not.
 */
export function isRetryable(err: unknown): boolean {
  return err instanceof PartnerCenterUnavailableError || err instanceof PartnerCenterCredentialsError;
}
