import type { DataSource } from 'typeorm';
import { measureSla, SEVERITIES, type MeasuredTicket, type SlaCounts, type SlaGrouping, type SlaMeasures, type SlaSummary } from '@escalade/domain';
import { wherePartnerIn, type PartnerTenants } from '../partner-tenants';
import { TicketRow } from './ticket-row.entity';

const NO_TICKETS: SlaCounts = { opened: 0, met: 0, breached: 0, pending: 0, cancelled: 0, noTarget: 0 };
/** A response target applied and has not been breached. */
const ON_TIME = 'NOT t.breached AND t.responseDueAt IS NOT NULL';
const COUNTS = Object.keys(NO_TICKETS) as Array<keyof SlaCounts>;

/** The partner tenants' tickets opened in [from, to), of one customer (its domain) when given. */
export interface SlaPeriod {
  from: string;
  to: string;
  partners: PartnerTenants;
  customer?: string;
}

/** What the SLA report reads of a row (see measureSla). */
const MEASURED: ReadonlyArray<keyof MeasuredTicket> = [
  'openedAt',
  'severity',
  'product',
  'customerDomain',
  'responseDueAt',
  'breached',
  'filedAt',
  'respondedAt',
  'resolutionMs',
  'pausedMs',
  'pausedSince',
  'updateMisses',
  'replyMisses',
];

/** Counts and measures from the tickets read model, for a period's tickets. */
export class SlaSummaryQuery {
  constructor(private readonly dataSource: DataSource) {}

  private ticketsOf({ from, to, partners, customer }: SlaPeriod) {
    const query = this.dataSource
      .getRepository(TicketRow)
      .createQueryBuilder('t')
      .where('t.openedAt >= :from AND t.openedAt < :to', { from, to });
    if (customer !== undefined) query.andWhere('LOWER(t.customerDomain) = :customer', { customer: customer.toLowerCase() });
    return wherePartnerIn(query, 't.partnerTenantId', partners);
  }

  /** The period's measures per `groupBy` (see measureSla); a pause still running counts up to `to` or now, the sooner. */
  async measure(period: SlaPeriod, groupBy: SlaGrouping): Promise<SlaMeasures> {
    const rows = await this.ticketsOf(period)
      .select(MEASURED.map((column) => `t.${column}`))
      .getMany();
    const until = new Date(Math.min(Date.parse(period.to), Date.now())).toISOString();
    return measureSla(rows, groupBy, until);
  }

  /** Counts per severity. */
  async summarize(period: SlaPeriod): Promise<SlaSummary> {
    const { from, to } = period;
    const query = this.ticketsOf(period)
      .select('t.severity', 'severity')
      .addSelect('COUNT(*)', 'opened')
      .addSelect('SUM(CASE WHEN t.breached THEN 1 ELSE 0 END)', 'breached')
      .addSelect('SUM(CASE WHEN t.responseDueAt IS NULL THEN 1 ELSE 0 END)', 'noTarget')
      .addSelect(`SUM(CASE WHEN ${ON_TIME} AND (t.status = 'responded' OR t.outcome = 'resolved') THEN 1 ELSE 0 END)`, 'met')
      .addSelect(`SUM(CASE WHEN ${ON_TIME} AND t.outcome = 'cancelled' THEN 1 ELSE 0 END)`, 'cancelled');
    const rows: Array<Record<keyof SlaCounts | 'severity', string | number>> = await query.groupBy('t.severity').getRawMany();
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
