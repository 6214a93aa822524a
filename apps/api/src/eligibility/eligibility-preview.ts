import type { EligibilityPreview } from '@escalade/contract';
import { decideEligibility, decideHandoffTarget, type ServiceRequest } from '@escalade/domain';

/**
 * The workflow's own rules, run dry: its eligibility step (`decideEligibility`, as the API decides it when it opens the
 * ticket) and, for a request it would file (at once, or once Azure access is granted), its handoff's target.
 */
export function previewEligibility(request: ServiceRequest): EligibilityPreview {
  const eligibility = decideEligibility(request);
  const filed = eligibility.decision === 'eligible' || eligibility.decision === 'needs-access';
  return filed ? { ...eligibility, handoffTarget: decideHandoffTarget(request) } : eligibility;
}
