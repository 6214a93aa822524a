import { condition } from '@temporalio/workflow';

/** Resolves true when the predicate holds, false once `deadline` passes first (no timer when it has passed at `now`). */
export async function waitUntil(predicate: () => boolean, deadline: Date, now = Date.now()): Promise<boolean> {
  const remaining = deadline.getTime() - now;
  if (remaining <= 0) return predicate();
  return condition(predicate, remaining);
}
