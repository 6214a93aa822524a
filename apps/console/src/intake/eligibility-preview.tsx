import type { EligibilityVerdict } from '@escalade/domain';
import { ELIGIBILITY_LABELS } from '../format/labels';
import { HandoffTargetFacts } from '../ui/handoff-target-facts';
import { RedirectFacts } from '../ui/redirect-facts';
import type { CheckedEligibility } from './use-intake';

/** What opening the ticket would lead to, for each decision. */
const OUTCOMES: Record<EligibilityVerdict, string> = {
  eligible: 'It will be filed with Microsoft.',
  'needs-access': "It will wait for the indirect provider to grant access to the customer's Azure account, then be filed with Microsoft.",
  refused: 'It will not be filed with Microsoft: the ticket closes as refused.',
  redirected: 'Microsoft does not take it through the CSP route: the ticket closes as redirected.',
};

/** The last check's decision, its reason, to whom it is redirected or where it would be filed; and the button to check. */
export function EligibilityPreviewCard(props: { checked?: CheckedEligibility; checking: boolean; disabled: boolean; onCheck(): void }) {
  const { checked } = props;
  const preview = checked?.preview;
  return (
    <section class="card eligibility-preview" aria-labelledby="preview-heading" data-testid="eligibility-preview" data-decision={preview?.decision}>
      <h2 id="preview-heading">Eligibility</h2>
      {preview ? (
        <>
          <p class="preview-outcome" data-testid="preview-outcome">
            <span class={`badge eligibility-${preview.decision}`}>{ELIGIBILITY_LABELS[preview.decision]}</span> {OUTCOMES[preview.decision]}
          </p>
          <dl class="facts">
            <dt>Reason</dt>
            <dd data-testid="preview-reason">{preview.reason}</dd>
            {preview.redirectTo && <RedirectFacts redirect={preview.redirectTo} />}
            {preview.handoffTarget && (
              <HandoffTargetFacts target={preview.handoffTarget} term={preview.decision === 'eligible' ? 'Would be filed in' : 'Once granted, filed in'} />
            )}
          </dl>
          {checked.stale && (
            <p class="muted" data-testid="preview-stale">
              The form changed since this check: check again.
            </p>
          )}
        </>
      ) : (
        <p class="muted">What the workflow would decide, with the same rules: nothing is opened or stored.</p>
      )}
      <button type="button" class="secondary" disabled={props.disabled} onClick={props.onCheck}>
        {props.checking ? 'Checking…' : 'Check eligibility'}
      </button>
    </section>
  );
}
