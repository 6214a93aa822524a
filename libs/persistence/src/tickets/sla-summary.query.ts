import type { DataSource } from 'typeorm';
import { SEVERITIES, type Severity } from '@escalade/domain';
import { TicketRow } from './ticket-row.entity';

/** How tickets opened in a period fared against their response target. */
export interface SlaCounts {
  opened: number;
  /** Answered (or closed) before the due time. */
  met: number;
  breached: number;
  /** Still waiting for Microsoft, not yet breached. */
  pending: number;
  /** Refused, redirected or never filed: no response target applied. */
  noTarget: number;
}

export interface SlaSummary {
  from: string;
  to: string;
  bySeverity: Array<{ severity: Severity } & SlaCounts>;
  total: SlaCounts;
}

const NO_TICKETS: SlaCounts = { opened: 0, met: 0, breached: 0, pending: 0, noTarget: 0 };
const COUNTS = Object.keys(NO_TICKETS) as Array<keyof SlaCounts>;

/** Counts from the tickets read model, per severity, for tickets opened in [from, to). */
export class SlaSummaryQuery {
  constructor(private readonly dataSource: DataSource) {}

  async summarize(from: string, to: string): Promise<SlaSummary> {
    const rows: Array<Record<keyof SlaCounts | 'severity', string | number>> = await this.dataSource
      .getRepository(TicketRow)
      .createQueryBuilder('t')
      .select('t.severity', 'severity')
      .addSelect('COUNT(*)', 'opened')
      .addSelect('SUM(CASE WHEN t.breached THEN 1 ELSE 0 END)', 'breached')
      .addSelect('SUM(CASE WHEN t.responseDueAt IS NULL THEN 1 ELSE 0 END)', 'noTarget')
      .addSelect(
        "SUM(CASE WHEN NOT t.breached AND t.responseDueAt IS NOT NULL AND t.status IN ('responded', 'closed') THEN 1 ELSE 0 END)",
        'met',
      )
      .where('t.openedAt >= :from AND t.openedAt < :to', { from, to })
      .groupBy('t.severity')
      .getRawMany();
    const bySeverity = SEVERITIES.map((severity) => {
      const row = rows.find((r) => r.severity === severity);
      if (!row) return { severity, ...NO_TICKETS };
      const [opened, met, breached, noTarget] = [row.opened, row.met, row.breached, row.noTarget].map(Number);
      return { severity, opened, met, breached, noTarget, pending: opened - met - breached - noTarget };
    });
    const total = Object.fromEntries(
      COUNTS.map((count) => [count, bySeverity.reduce((sum, row) => sum + row[count], 0)]),
    ) as unknown as SlaCounts;
    return { from, to, bySeverity, total };
  }
}
