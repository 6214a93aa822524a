import type { EligibilityDecision, HandoffTarget } from '@escalade/domain';

/**
 * `POST /eligibility/check`: what the workflow would decide for a request, opening nothing. The decision, its reason
 * and, when redirected, to whom (`redirectTo`), as `decideEligibility` gives them; `handoffTarget` is where the ticket
 * would be filed (`decideHandoffTarget`): for an eligible request, and for one that waits for Azure access (filed
 * there once access is granted).
 */
export interface EligibilityPreview extends EligibilityDecision {
  handoffTarget?: HandoffTarget;
}
