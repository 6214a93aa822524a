import { condition, isCancellation } from '@temporalio/workflow';
import type { TicketOutcome, TicketState } from '@escalade/domain';
import type { ServiceRequestInput } from './definitions';
import { awaitAzureAccess } from './steps/azure-access';
import { closeTicket } from './steps/closure';
import { decideEligibility } from './steps/eligibility';
import { handOff } from './steps/handoff';
import { followMicrosoft } from './steps/microsoft-follow-up';
import { awaitResponse } from './steps/response-wait';
import { handleTicketMessages } from './ticket/ticket-messages';
import { TicketRun } from './ticket/ticket-run';

/**
 * A support ticket filed with Microsoft, from request to closure: eligibility → portal handoff → waiting for
 * Microsoft's first answer on a timer set by severity → escalation when the target is breached → closure.
 */
export async function serviceRequestWorkflow(input: ServiceRequestInput): Promise<TicketState> {
  const run = new TicketRun(input);
  handleTicketMessages(run);
  let outcome: TicketOutcome;
  try {
    outcome = await lifecycle(run);
  } catch (err) {
    if (!isCancellation(err)) throw err;
    outcome = 'cancelled';
  }
  await closeTicket(run, outcome);
  return run.view();
}

/** Runs the ticket from eligibility to the point where it can close, and says how it ends. */
async function lifecycle(run: TicketRun): Promise<TicketOutcome> {
  const decision = await decideEligibility(run);
  if (decision === 'refused' || decision === 'redirected') return decision;
  if (decision === 'needs-access') {
    const access = await awaitAzureAccess(run);
    if (access === 'access-timed-out') return access;
  }
  if (run.inbox.closeRequest) return 'resolved';
  const filing = await handOff(run);
  if (filing === 'closed') return 'resolved';
  if (filing === 'rejected') return 'handoff-rejected';
  await awaitResponse(run, filing);
  await followMicrosoft(run, filing);
  await condition(() => !!run.inbox.closeRequest);
  return 'resolved';
}
