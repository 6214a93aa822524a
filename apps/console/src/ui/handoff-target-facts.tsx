import type { HandoffTarget } from '@escalade/domain';
import { PORTAL_LABELS } from '../format/labels';

/**
 * Where a ticket is (or would be) filed at Microsoft, as a `<dl>`'s terms: the portal (a link), in whose context, and
 * the support plan or category to pick there. `term` names the first: filed in, or would be.
 */
export function HandoffTargetFacts({ target, term }: { target: HandoffTarget; term: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>
        <a href={target.url} target="_blank" rel="noreferrer" data-testid="handoff-link">
          {PORTAL_LABELS[target.portal]}
        </a>{' '}
        <span class="muted">({target.context === 'customer' ? "customer's context" : "partner's own tenant"})</span>
      </dd>
      {(target.supportPlan || target.supportCategory) && (
        <>
          <dt>{target.supportPlan ? 'Support plan' : 'Support category'}</dt>
          <dd>{target.supportPlan ?? target.supportCategory}</dd>
        </>
      )}
    </>
  );
}
