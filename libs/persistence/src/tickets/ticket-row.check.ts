import type { TicketSummary } from '@escalade/domain';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** What the check needs to know of a `tickets` column: the entity's metadata (TicketRow) provides it. */
export type ColumnShape = Pick<ColumnMetadata, 'propertyName' | 'databaseName' | 'type' | 'length' | 'isNullable'>;

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/**
 * Why the row cannot be stored for the stream's ticket (the first problem found), or undefined when it can.
 * Checked in code because SQLite enforces neither types nor lengths: both databases then refuse the same rows.
 */
export function ticketRowProblem(
  row: TicketSummary | undefined,
  key: string,
  columns: readonly ColumnShape[],
): string | undefined {
  if (row === undefined) return 'the fold gave no row';
  for (const column of columns) {
    const problem = valueProblem((row as unknown as Record<string, unknown>)[column.propertyName], column);
    if (problem) return `${column.databaseName} ${problem}`;
  }
  // The row is found by its key: another ticket's key would overwrite that ticket.
  if (row.key !== key) return `key ${row.key} is not the stream's ticket ${key}`;
  return undefined;
}

function valueProblem(value: unknown, { type, length, isNullable }: ColumnShape): string | undefined {
  if (value === null || value === undefined) return isNullable ? undefined : 'is missing';
  switch (type) {
    case 'varchar':
      if (typeof value !== 'string') return `must be text, not ${kindOf(value)}`;
      // PostgreSQL refuses NUL in text; its lengths count characters, not UTF-16 units.
      if (value.includes('\u0000')) return 'must not contain a NUL character';
      return [...value].length > Number(length) ? `is longer than ${length} characters` : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false, not ${kindOf(value)}`;
    case 'int':
      return Number.isInteger(value) && (value as number) >= INT_MIN && (value as number) <= INT_MAX
        ? undefined
        : `must be a 32-bit whole number, not ${kindOf(value)}`;
    case 'bigint':
      return Number.isSafeInteger(value) ? undefined : `must be a whole number, not ${kindOf(value)}`;
    default:
      return undefined;
  }
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'number' ? String(value) : `a ${typeof value}`;
}
