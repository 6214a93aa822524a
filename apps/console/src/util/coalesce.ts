/**
 * Runs `task` at once, or, when called while a run is in progress, once more after it: a burst of calls
 * costs at most two runs and the last one starts after the last call.
 */
export function coalesce(task: () => Promise<unknown>): () => void {
  let running = false;
  let again = false;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    void task()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          run();
        }
      });
  };
  return run;
}
