import type { TicketSummary } from '@escalade/domain';
import { ticketRowProblem, type ColumnShape } from './ticket-row.check';

const column = (propertyName: string, type: string, length = '', isNullable = false): ColumnShape =>
  ({ propertyName, databaseName: propertyName.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), type, length, isNullable }) as ColumnShape;

const COLUMNS = [
  column('key', 'varchar', '20'),
  column('id', 'varchar', '10'),
  column('title', 'varchar', '5'),
  column('closedAt', 'varchar', '32', true),
  column('breached', 'boolean'),
  column('escalationLevel', 'int'),
];

const row = (overrides: Record<string, unknown> = {}) =>
  ({ key: 'p~T1', id: 'T1', title: 'VMs', closedAt: null, breached: false, escalationLevel: 0, ...overrides }) as unknown as TicketSummary;

describe('ticketRowProblem', () => {
  it('accepts a row that fits every column, nullable ones null', () => {
    expect(ticketRowProblem(row(), 'p~T1', COLUMNS)).toBeUndefined();
    expect(ticketRowProblem(row({ title: '🔥🔥🔥🔥🔥' }), 'p~T1', COLUMNS)).toBeUndefined(); // 5 characters, 10 UTF-16 units
  });

  it.each([
    [{ title: undefined }, 'title is missing'],
    [{ title: [] }, 'title must be text, not a list'],
    [{ title: 'VMs down' }, 'title is longer than 5 characters'],
    [{ title: 'V\u0000' }, 'title must not contain a NUL character'],
    [{ closedAt: 42 }, 'closed_at must be text, not 42'],
    [{ breached: 'no' }, 'breached must be true or false, not a string'],
    [{ escalationLevel: 1.5 }, 'escalation_level must be a 32-bit whole number, not 1.5'],
    [{ escalationLevel: 2 ** 31 }, `escalation_level must be a 32-bit whole number, not ${2 ** 31}`],
  ])('names the first column at fault: %j', (overrides, problem) => {
    expect(ticketRowProblem(row(overrides), 'p~T1', COLUMNS)).toBe(problem);
  });

  it("refuses a row for another ticket than the stream's, and no row at all", () => {
    expect(ticketRowProblem(row({ key: 'p~T2' }), 'p~T1', COLUMNS)).toBe("key p~T2 is not the stream's ticket p~T1");
    // Another partner's ticket of the same id is another ticket.
    expect(ticketRowProblem(row(), 'q~T1', COLUMNS)).toBe("key p~T1 is not the stream's ticket q~T1");
    expect(ticketRowProblem(undefined, 'p~T1', COLUMNS)).toBe('the fold gave no row');
  });
});
