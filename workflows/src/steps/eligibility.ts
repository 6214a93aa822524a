import { proxyActivities } from '@temporalio/workflow';
import type { EligibilityVerdict } from '@escalade/domain';
import type { ServiceRequestActivities } from '../activities';
import type { TicketRun } from '../ticket/ticket-run';

const { checkEligibility } = proxyActivities<ServiceRequestActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Step 1: is the request Microsoft's to answer through the CSP route, and on what terms (the seed's rules). */
export async function decideEligibility(run: TicketRun): Promise<EligibilityVerdict> {
  if (run.eligibility && run.intakeProblems.length === 0) {
    // Decided when the ticket was opened: recorded with the request, by one append.
    await run.ticket.apply({ type: 'EligibilityDecided', data: run.eligibility });
    return run.eligibility.decision;
  }
  if (run.cancelSafe) await run.ticket.recordOpening();
  if (run.intakeProblems.length > 0) {
    await run.ticket.apply({
      type: 'EligibilityDecided',
      data: { decision: 'refused', reason: `The request is invalid: ${run.intakeProblems.join('; ')}` },
    });
    return 'refused';
  }
  const eligibility = await checkEligibility(run.request);
  await run.ticket.apply({ type: 'EligibilityDecided', data: eligibility });
  return eligibility.decision;
}
