import type { SlaMeasures, SlaSummary } from '@escalade/domain';

/** `GET /reports/sla`: the period's counts per severity, and its measures grouped as asked (of one customer when asked). */
export interface SlaReport extends SlaSummary {
  customer?: string;
  measures: SlaMeasures;
}
