import type { TicketView } from '@escalade/contract';
import { ELIGIBILITY_LABELS, PORTAL_LABELS } from '../format/labels';
import { formatDateTime } from '../format/time';

/** The eligibility decision and where the ticket was filed (or where it must go instead). */
export function TicketFacts({ ticket }: { ticket: TicketView }) {
  const { eligibility, handoff } = ticket;
  const redirect = eligibility?.redirectTo;
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
        {redirect && (
          <>
            <dt>Redirected to</dt>
            <dd>
              {redirect.name}
              {redirect.url && (
                <>
                  {' · '}
                  <a href={redirect.url} target="_blank" rel="noreferrer">
                    {redirect.url}
                  </a>
                </>
              )}
              {redirect.email && ` · ${redirect.email}`}
              {redirect.phone && ` · ${redirect.phone}`}
            </dd>
          </>
        )}
        {handoff && (
          <>
            <dt>Filed in</dt>
            <dd>
              <a href={handoff.url} target="_blank" rel="noreferrer" data-testid="handoff-link">
                {PORTAL_LABELS[handoff.portal]}
              </a>{' '}
              <span class="muted">({handoff.context === 'customer' ? "customer's context" : "partner's own tenant"})</span>
            </dd>
            {(handoff.supportPlan || handoff.supportCategory) && (
              <>
                <dt>{handoff.supportPlan ? 'Support plan' : 'Support category'}</dt>
                <dd>{handoff.supportPlan ?? handoff.supportCategory}</dd>
              </>
            )}
            <dt>Filed at</dt>
            <dd>{formatDateTime(handoff.filedAt)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
