// The workflow API with every `patched()` answering false and recording no marker. Bundled in place of
// @temporalio/workflow, it runs the workflow as it was before its patches were written (each patch only adds a
// path), so the capture can record tickets as the workers before those patches ran them.
export * from '@temporalio/workflow/lib/index';

export function patched(_patchId: string): boolean {
  return false;
}
