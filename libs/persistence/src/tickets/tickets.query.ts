import { Brackets, type DataSource } from 'typeorm';
import type { Product, Severity, TicketStatus } from '@escalade/domain';
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
  id: string;
}

export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not one this API returned');
    this.name = 'InvalidCursorError';
  }
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.openedAt, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [openedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof openedAt === 'string' && typeof id === 'string') return { openedAt, id };
  } catch {
    /* falls through to the error below */
  }
  throw new InvalidCursorError();
}

/** Newest tickets first, keyset-paginated on (opened_at, id) so pages stay stable while tickets open. */
export class TicketsQuery {
  constructor(private readonly dataSource: DataSource) {}

  async list(filters: TicketFilters, { cursor, limit }: { cursor?: string; limit: number }): Promise<TicketPage> {
    const query = this.dataSource.getRepository(TicketRow).createQueryBuilder('t');
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
            .orWhere('(t.openedAt = :openedAt AND t.id < :id)', { openedAt: after.openedAt, id: after.id }),
        ),
      );
    }
    const rows = await query.orderBy('t.openedAt', 'DESC').addOrderBy('t.id', 'DESC').take(limit + 1).getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }
}
