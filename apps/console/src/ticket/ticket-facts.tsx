import type { TicketView } from '@escalade/contract';
import { ELIGIBILITY_LABELS } from '../format/labels';
import { formatDateTime } from '../format/time';
import { HandoffTargetFacts } from '../ui/handoff-target-facts';
import { RedirectFacts } from '../ui/redirect-facts';

/** The eligibility decision and where the ticket was filed (or where it must go instead). */
export function TicketFacts({ ticket }: { ticket: TicketView }) {
  const { eligibility, handoff } = ticket;
  return (
    <section class="card" aria-labelledby="facts-heading">
      <h2 id="facts-heading">Eligibility and handoff</h2>
      <dl class="facts">
        <dt>Eligibility</dt>
        <dd data-testid="eligibility-decision">{eligibility ? ELIGIBILITY_LABELS[eligibility.decision] : 'Being checked'}</dd>
        {eligibility && (
          <>
            <dt>Reason</dt>
            <dd data-testid="eligibility-reason">{eligibility.reason}</dd>
          </>
        )}
        {eligibility?.redirectTo && <RedirectFacts redirect={eligibility.redirectTo} />}
        {handoff && (
          <>
            <HandoffTargetFacts target={handoff} term="Filed in" />
            <dt>Filed at</dt>
            <dd>{formatDateTime(handoff.filedAt)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
