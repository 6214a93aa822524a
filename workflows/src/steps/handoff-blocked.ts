import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { HANDOFF_BLOCKED_FAILURE, type HandoffBlockage } from '../definitions';

/** Our credentials failing for the filing (see HANDOFF_BLOCKED_FAILURE); undefined for any other failure. */
export function handoffBlockage(err: unknown): HandoffBlockage | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : undefined;
  if (!(cause instanceof ApplicationFailure) || cause.type !== HANDOFF_BLOCKED_FAILURE) return undefined;
  const { failingSince } = (cause.details?.[0] ?? {}) as Partial<HandoffBlockage>;
  return { reason: cause.message, failingSince: failingSince ?? '' };
}

const FIRST_RETRY_MS = 15_000;
const LAST_RETRY_MS = 5 * 60_000;

/** How long a blocked filing waits before it tries again: 15 s, doubling up to 5 minutes. */
export function blockedRetryDelayMs(attempt: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.min(attempt, 10), LAST_RETRY_MS);
}
