/** Partner Center refused the call as made (4xx other than 408 and 429): the same call will fail again. */
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

/** Partner Center could not answer now (408, 429, 5xx, network failure, time-out): a later retry may succeed. */
export class PartnerCenterUnavailableError extends Error {
  override readonly name = 'PartnerCenterUnavailableError';

  readonly status?: number;
  /** From a Retry-After header, when Partner Center sent one. */
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

/** True only for failures a retry can cure; a rejection, or any error not from this client, is not retried. */
export function isRetryable(err: unknown): boolean {
  return err instanceof PartnerCenterUnavailableError;
}
