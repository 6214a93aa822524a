import { isCancellation, log, proxyActivities } from '@temporalio/workflow';
import type { MicrosoftAnswer, ServiceRequestActivities } from '../activities';
import type { Filing, TicketRun } from '../ticket/ticket-run';
import { breach } from './escalation';

// Asked once at the due time: a Microsoft that cannot be read within seconds leaves the breach to be corrected later.
const { checkMicrosoftAnswer } = proxyActivities<ServiceRequestActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumAttempts: 3 },
});

/**
 * At the due time: the breach, unless Microsoft, read once more, has answered (which wakes the wait instead). A
 * breach is declared only on what Microsoft says now.
 */
export async function breachUnlessAnswered(run: TicketRun, filing: Filing, woken: () => boolean, responseDueAt: string): Promise<void> {
  if (filing.slaFromSource && run.microsoftPollIntervalMs !== undefined) {
    const found = await checkAnswer(filing.microsoftTicketId);
    if (found) {
      run.inbox.microsoftSeen = found.seen;
      run.inbox.answeredByMicrosoft(found, run.ticket.state.status);
    }
    if (woken()) return;
  }
  await breach(run, responseDueAt);
}

/** Microsoft's answer as Partner Center tells it now; undefined when there is none or it cannot be read. */
async function checkAnswer(microsoftTicketId: string): Promise<MicrosoftAnswer | undefined> {
  try {
    return await checkMicrosoftAnswer({ microsoftTicketId });
  } catch (err) {
    if (isCancellation(err)) throw err;
    log.warn('reading Microsoft at the due time failed; a breach declared now is corrected if its answer was in time', { err });
    return undefined;
  }
}
