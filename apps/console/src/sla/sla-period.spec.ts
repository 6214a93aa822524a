import { lastDays, lastMonth, monthRange, onTimeShare, periodRange } from './sla-period';

describe('the SLA summary period', () => {
  it('defaults to the last 7 days, today included', () => {
    expect(lastDays(7, new Date(2026, 2, 2, 15, 30))).toEqual({ from: '2026-02-24', to: '2026-03-02' });
  });

  it('counts whole local days, the last one included', () => {
    expect(periodRange({ from: '2026-02-24', to: '2026-03-02' })).toEqual({
      from: new Date(2026, 1, 24).toISOString(),
      to: new Date(2026, 2, 3).toISOString(),
    });
    expect(periodRange({ from: '2026-03-02', to: '2026-03-02' })).toBeDefined();
  });

  it('has no range for an empty date or a period that ends before it starts', () => {
    expect(periodRange({ from: '', to: '2026-03-02' })).toBeUndefined();
    expect(periodRange({ from: '2026-03-03', to: '2026-03-02' })).toBeUndefined();
  });
});

describe('onTimeShare', () => {
  it('is the share of decided targets that were met', () => {
    expect(onTimeShare({ met: 2, breached: 1 })).toBe('67 %');
    expect(onTimeShare({ met: 0, breached: 0 })).toBe('—');
  });
});

describe('the monthly report period', () => {
  it('spans the whole local month, December into January', () => {
    expect(monthRange('2026-12')).toEqual({ from: new Date(2026, 11, 1).toISOString(), to: new Date(2027, 0, 1).toISOString() });
  });

  it('has no range for what is not a month', () => {
    expect(monthRange('2026-13')).toBeUndefined();
    expect(monthRange('')).toBeUndefined();
  });

  it('defaults to the month before', () => {
    expect(lastMonth(new Date(2026, 0, 15))).toBe('2025-12');
  });
});
