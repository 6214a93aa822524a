import { condition } from '@temporalio/workflow';

/** Resolves true when the predicate holds, false once `deadline` passes first. */
export async function waitUntil(predicate: () => boolean, deadline: Date): Promise<boolean> {
  const remaining = deadline.getTime() - Date.now();
  if (remaining <= 0) return predicate();
  return condition(predicate, remaining);
}
