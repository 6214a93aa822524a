import { isRowRefusal } from './row-refusal';

describe('isRowRefusal', () => {
  it.each(['23502', '23514', '22001', '22P05', 'SQLITE_CONSTRAINT_NOTNULL', 'SQLITE_CONSTRAINT_TRIGGER', 'SQLITE_TOOBIG'])(
    'parks what the database refuses for its content: %s',
    (code) => {
      expect(isRowRefusal({ driverError: { code } })).toBe(true);
      expect(isRowRefusal({ code })).toBe(true);
    },
  );

  it.each(['40001', '40P01', '57P01', '08006', 'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', 'ECONNREFUSED'])(
    'retries what depends on the database state: %s',
    (code) => {
      expect(isRowRefusal({ driverError: { code } })).toBe(false);
    },
  );

  it('retries errors without a code', () => {
    expect(isRowRefusal(new Error('Connection terminated unexpectedly'))).toBe(false);
    expect(isRowRefusal(undefined)).toBe(false);
  });
});
