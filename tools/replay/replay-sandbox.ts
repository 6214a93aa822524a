// Two costs of the SDK's replay worker that a replay does not need, together most of its time:
// - it runs workflow code in debug mode, with the longest timeout Node accepts (about 49 days) on every call into
//   the workflow's sandbox, and any timeout makes Node start a watchdog thread per call (a workflow task makes
//   dozens); that call was never going to be interrupted, so the timeout is dropped;
// - it records a stack trace for every promise the workflow creates (a promise hook), for the `__stack_trace`
//   query of a live worker; a replay never answers it, so the hook stays off while replaying. Errors' stacks are
//   then not source-mapped; nothing the replay decides depends on them.
// Both are process-wide, so they hold until every replay that asked for them is done.
import * as vm from 'node:vm';
import { globalHandlers } from '@temporalio/worker/lib/workflow/vm-shared';

const NEVER = 4_294_967_295;
const runInContext = vm.Script.prototype.runInContext;
let users = 0;
let hooksWereInstalled = false;

function withoutNever(this: vm.Script, context: vm.Context, options?: vm.RunningScriptOptions): unknown {
  return runInContext.call(this, context, options?.timeout === NEVER ? { ...options, timeout: undefined } : options);
}

/** Lightens the replay workers' sandbox until every caller has called its returned function. */
export function lightReplaySandbox(): () => void {
  if (users++ === 0) {
    vm.Script.prototype.runInContext = withoutNever;
    hooksWereInstalled = globalHandlers.installed;
    if (hooksWereInstalled) globalHandlers.uninstall();
    globalHandlers.installed = true; // makes the workers' install() a no-op
  }
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    if (--users > 0) return;
    vm.Script.prototype.runInContext = runInContext;
    globalHandlers.installed = false;
    if (hooksWereInstalled) globalHandlers.install();
  };
}
