import { Brackets, type DataSource } from 'typeorm';
import type { Product, Severity, TicketStatus } from '@escalade/domain';
import { wherePartnerIn, type PartnerTenants } from '../partner-tenants';
import { TicketRow } from './ticket-row.entity';

export interface TicketFilters {
  status?: TicketStatus[];
  severity?: Severity[];
  product?: Product[];
  /** Customer name or domain, exact. */
  customer?: string;
  breached?: boolean;
  /** Response due strictly before this ISO time. */
  dueBefore?: string;
}

export interface TicketPage {
  items: TicketRow[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

interface CursorPosition {
  openedAt: string;
  key: string;
}

/** How many tickets, every partner's, are at one status and severity. */
export interface TicketCount {
  status: TicketStatus;
  severity: Severity;
  count: number;
}

export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not one this API returned');
    this.name = 'InvalidCursorError';
  }
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.openedAt, position.key])).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [openedAt, key] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof openedAt === 'string' && typeof key === 'string') return { openedAt, key };
  } catch {
    /* falls through to the error below */
  }
  throw new InvalidCursorError();
}

/** Newest tickets first, keyset-paginated on (opened_at, key) so pages stay stable while tickets open; one partner set's only. */
export class TicketsQuery {
  constructor(private readonly dataSource: DataSource) {}

  async list(filters: TicketFilters, { cursor, limit }: { cursor?: string; limit: number }, partners: PartnerTenants): Promise<TicketPage> {
    const query = wherePartnerIn(this.dataSource.getRepository(TicketRow).createQueryBuilder('t'), 't.partnerTenantId', partners);
    if (filters.status?.length) query.andWhere('t.status IN (:...status)', { status: filters.status });
    if (filters.severity?.length) query.andWhere('t.severity IN (:...severity)', { severity: filters.severity });
    if (filters.product?.length) query.andWhere('t.product IN (:...product)', { product: filters.product });
    if (filters.customer) {
      query.andWhere('(t.customer = :customer OR t.customerDomain = :customer)', { customer: filters.customer });
    }
    if (filters.breached !== undefined) query.andWhere('t.breached = :breached', { breached: filters.breached });
    if (filters.dueBefore) query.andWhere('t.responseDueAt < :dueBefore', { dueBefore: filters.dueBefore });
    if (cursor) {
      const after = decodeCursor(cursor);
      query.andWhere(
        new Brackets((q) =>
          q
            .where('t.openedAt < :openedAt', { openedAt: after.openedAt })
            .orWhere('(t.openedAt = :openedAt AND t.key < :key)', { openedAt: after.openedAt, key: after.key }),
        ),
      );
    }
    const rows = await query.orderBy('t.openedAt', 'DESC').addOrderBy('t.key', 'DESC').take(limit + 1).getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  /** The tickets not closed, by status and severity, every partner's: the deployment's figures (metrics), naming no partner. */
  async countOpen(): Promise<TicketCount[]> {
    const rows: Array<{ status: TicketStatus; severity: Severity; count: string | number }> = await this.dataSource
      .getRepository(TicketRow)
      .createQueryBuilder('t')
      .select('t.status', 'status')
      .addSelect('t.severity', 'severity')
      .addSelect('COUNT(*)', 'count')
      .where("t.status <> 'closed'")
      .groupBy('t.status')
      .addGroupBy('t.severity')
      .orderBy('t.status')
      .addOrderBy('t.severity')
      .getRawMany();
    return rows.map(({ status, severity, count }) => ({ status, severity, count: Number(count) }));
  }

  /**
   * Tickets opened before ids were kept per partner (and before idempotency keys were kept) are found only here:
   * their key is their id.
   */
  async findUnscoped(id: string, partners: PartnerTenants): Promise<Pick<TicketRow, 'key' | 'id' | 'partnerTenantId'>[]> {
    const query = this.dataSource.getRepository(TicketRow).createQueryBuilder('t').where('t.key = :id', { id });
    return wherePartnerIn(query, 't.partnerTenantId', partners).select(['t.key', 't.id', 't.partnerTenantId']).getMany();
  }
}
