import type { Severity } from './service-request';

/** How tickets opened in a period fared against their response target. */
export interface SlaCounts {
  opened: number;
  /** Answered by Microsoft, or resolved, before the due time. */
  met: number;
  breached: number;
  /** Still waiting for Microsoft, not yet breached. */
  pending: number;
  /** Cancelled before the due time: neither met nor breached. */
  cancelled: number;
  /** Refused, redirected or never filed: no response target applied. */
  noTarget: number;
}

export interface SlaSummary {
  from: string;
  to: string;
  bySeverity: Array<{ severity: Severity } & SlaCounts>;
  total: SlaCounts;
}
