// The steps the golden scenarios' drives are made of: each waits until the ticket has reached a point and the
// workflow has settled, or acts on the ticket as a coordinator would.
import type { WorkflowHandle } from '@temporalio/client';
import type { Severity, TicketState } from '@escalade/domain';
import { changeSeverityUpdate, closeUpdate, ticketStateQuery, type serviceRequestWorkflow } from '@escalade/workflows';

export type TicketHandle = WorkflowHandle<typeof serviceRequestWorkflow>;

/**
 * True once the workflow waits with nothing in flight (no workflow task, no activity but the long-running watches
 * of Microsoft). Drives act only then, as a person would minutes later, so that each history keeps one shape: a
 * close lands after the timer it cancels has started, not in the same workflow task as its start.
 */
async function settled(handle: TicketHandle): Promise<boolean> {
  const { raw } = await handle.describe();
  const busy = (raw.pendingActivities ?? []).filter((a) => !a.activityType?.name?.startsWith('watchMicrosoft'));
  return !raw.pendingWorkflowTask && busy.length === 0;
}

/** Polls the ticket's state until `done` holds and the workflow has settled. */
export async function waitForState(
  handle: TicketHandle,
  done: (state: TicketState) => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<TicketState> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const state = await handle.query(ticketStateQuery);
    if (done(state) && (await settled(handle))) return state;
    if (Date.now() > until) {
      const { status, severity, breached, escalationLevel } = state;
      throw new Error(`${handle.workflowId}: expected ${what}, got ${JSON.stringify({ status, severity, breached, escalationLevel })}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const awaitingAccess = (handle: TicketHandle) => waitForState(handle, (s) => s.status === 'awaiting-access', 'awaiting-access');
export const awaitingResponse = (handle: TicketHandle) => waitForState(handle, (s) => s.status === 'awaiting-response', 'awaiting-response');
export const responded = (handle: TicketHandle) => waitForState(handle, (s) => s.status === 'responded', 'responded');
export const escalatedTo = (handle: TicketHandle, level: number) =>
  waitForState(handle, (s) => s.breached && s.escalationLevel === level, `breached at escalation level ${level}`);

/** Microsoft's ticket id, once the ticket is filed and waits for the answer. */
export async function filedAtMicrosoft(handle: TicketHandle): Promise<string> {
  const { handoff } = await awaitingResponse(handle);
  if (!handoff) throw new Error(`${handle.workflowId}: awaiting a response, but not handed off`);
  return handoff.microsoftTicketId;
}

/** Sleeps until `offset` of the policy's uncompressed time (× `timeScale`) has passed since the ticket was filed. */
export async function untilFiledFor(handle: TicketHandle, offset: number, timeScale: number): Promise<void> {
  const { handoff } = await awaitingResponse(handle);
  const at = Date.parse(handoff?.filedAt ?? '') + offset * timeScale;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
}

export async function close(handle: TicketHandle, resolution: string): Promise<void> {
  await handle.executeUpdate(closeUpdate, { args: [{ resolution, closedBy: 'coordinator@fabrikam.com' }] });
}

export async function changeSeverity(handle: TicketHandle, severity: Severity, reason: string): Promise<void> {
  await handle.executeUpdate(changeSeverityUpdate, { args: [{ severity, reason, changedBy: 'coordinator@fabrikam.com' }] });
}
