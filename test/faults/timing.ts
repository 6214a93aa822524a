export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function sleepUntil(at: number): Promise<void> {
  const wait = at - Date.now();
  if (wait > 0) await sleep(wait);
}

/** Something to do at a moment (epoch milliseconds). */
export interface Step {
  at: number;
  act: () => Promise<unknown>;
}

/** Does each step at its moment, one after the other: a step that runs long delays the next ones. */
export async function play(steps: readonly Step[]): Promise<void> {
  for (const step of steps) {
    await sleepUntil(step.at);
    await step.act();
  }
}

export interface RetryOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** An error no retry can cure: thrown at once. */
  permanent?: (err: unknown) => boolean;
}

/**
 * Calls `probe` until it returns something other than undefined (a throw counts as not yet: servers may be down,
 * unless `permanent` says otherwise), and fails naming `what` once `timeoutMs` has passed.
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  { timeoutMs, intervalMs = 250, permanent = () => false }: RetryOptions,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      if (permanent(err)) throw err;
      lastError = err;
    }
    if (Date.now() > until) {
      const why = lastError ? ` (last error: ${(lastError as Error).message ?? lastError})` : '';
      throw new Error(`${what}: not within ${Math.round(timeoutMs / 1000)} s${why}`);
    }
    await sleep(intervalMs);
  }
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
