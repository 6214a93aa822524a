/** How long readiness waits for each dependency: a probe must answer well within its caller's own time-out. */
export const HEALTH_TIMEOUT_MS = 2_000;

export class HealthTimeoutError extends Error {
  constructor() {
    super(`no answer within ${HEALTH_TIMEOUT_MS} ms`);
  }
}

/** `work`'s result, or a rejection once HEALTH_TIMEOUT_MS have passed without one. */
export function withinHealthTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HealthTimeoutError()), HEALTH_TIMEOUT_MS);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
