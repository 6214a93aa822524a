import type { DataSource } from 'typeorm';
import { SEVERITIES, type SlaCounts, type SlaSummary } from '@escalade/domain';
import { wherePartnerIn, type PartnerTenants } from '../partner-tenants';
import { TicketRow } from './ticket-row.entity';

const NO_TICKETS: SlaCounts = { opened: 0, met: 0, breached: 0, pending: 0, cancelled: 0, noTarget: 0 };
/** A response target applied and has not been breached. */
const ON_TIME = 'NOT t.breached AND t.responseDueAt IS NOT NULL';
const COUNTS = Object.keys(NO_TICKETS) as Array<keyof SlaCounts>;

/** Counts from the tickets read model, per severity, for the partner tenants' tickets opened in [from, to). */
export class SlaSummaryQuery {
  constructor(private readonly dataSource: DataSource) {}

  async summarize(from: string, to: string, partners: PartnerTenants): Promise<SlaSummary> {
    const query = this.dataSource
      .getRepository(TicketRow)
      .createQueryBuilder('t')
      .select('t.severity', 'severity')
      .addSelect('COUNT(*)', 'opened')
      .addSelect('SUM(CASE WHEN t.breached THEN 1 ELSE 0 END)', 'breached')
      .addSelect('SUM(CASE WHEN t.responseDueAt IS NULL THEN 1 ELSE 0 END)', 'noTarget')
      .addSelect(`SUM(CASE WHEN ${ON_TIME} AND (t.status = 'responded' OR t.outcome = 'resolved') THEN 1 ELSE 0 END)`, 'met')
      .addSelect(`SUM(CASE WHEN ${ON_TIME} AND t.outcome = 'cancelled' THEN 1 ELSE 0 END)`, 'cancelled')
      .where('t.openedAt >= :from AND t.openedAt < :to', { from, to });
    const rows: Array<Record<keyof SlaCounts | 'severity', string | number>> = await wherePartnerIn(query, 't.partnerTenantId', partners)
      .groupBy('t.severity')
      .getRawMany();
    const bySeverity = SEVERITIES.map((severity) => {
      const row = rows.find((r) => r.severity === severity);
      if (!row) return { severity, ...NO_TICKETS };
      const [opened, met, breached, cancelled, noTarget] = [row.opened, row.met, row.breached, row.cancelled, row.noTarget].map(Number);
      return { severity, opened, met, breached, cancelled, noTarget, pending: opened - met - breached - cancelled - noTarget };
    });
    const total = Object.fromEntries(
      COUNTS.map((count) => [count, bySeverity.reduce((sum, row) => sum + row[count], 0)]),
    ) as unknown as SlaCounts;
    return { from, to, bySeverity, total };
  }
}
