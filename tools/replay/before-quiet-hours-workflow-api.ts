// The workflow API with QUIET_HOURS_PATCH answering false (and recording no marker), every other patch as usual.
// Bundled in place of @temporalio/workflow, it runs the workflow as the workers deployed just before quiet hours did,
// so the capture can record a ticket whose alert the activities held while its workflow attempted it at once.
import { patched as patchedAsUsual } from '@temporalio/workflow/lib/index';
import { QUIET_HOURS_PATCH } from '@escalade/workflows';

export * from '@temporalio/workflow/lib/index';

export function patched(patchId: string): boolean {
  return patchId !== QUIET_HOURS_PATCH && patchedAsUsual(patchId);
}
