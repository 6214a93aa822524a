import { quietHoursRelease } from './quiet-hours';
import type { BusinessCalendar } from './sla-policy';

const WORKDAY: Array<[number, number]> = [[9 * 60, 17 * 60]];
/** Paris office hours, Monday to Friday 09:00–17:00, with 2026-12-25 off. */
const PARIS: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  week: { 1: WORKDAY, 2: WORKDAY, 3: WORKDAY, 4: WORKDAY, 5: WORKDAY },
  holidays: ['2026-12-25'],
};

describe('quiet hours', () => {
  it('holds an alert below severity A raised at night until the next opening, in the recipient’s time zone', () => {
    // Tuesday 1 Dec 2026, 23:30 in Paris (UTC+1): held until Wednesday 09:00 Paris, 08:00 UTC.
    expect(quietHoursRelease(PARIS, { severity: 'C', occurredAt: '2026-12-01T22:30:00.000Z' })).toBe('2026-12-02T08:00:00.000Z');
    expect(quietHoursRelease(PARIS, { severity: 'B', occurredAt: '2026-12-01T22:30:00.000Z' })).toBe('2026-12-02T08:00:00.000Z');
  });

  it('holds over the weekend and the recipient’s holidays', () => {
    // Friday 18:00 Paris → Monday 09:00 Paris.
    expect(quietHoursRelease(PARIS, { severity: 'B', occurredAt: '2026-12-04T17:00:00.000Z' })).toBe('2026-12-07T08:00:00.000Z');
    // Christmas Day (a Friday) at noon → Monday 28th 09:00.
    expect(quietHoursRelease(PARIS, { severity: 'C', occurredAt: '2026-12-25T11:00:00.000Z' })).toBe('2026-12-28T08:00:00.000Z');
  });

  it('lets severity A through at once, at any hour', () => {
    expect(quietHoursRelease(PARIS, { severity: 'A', occurredAt: '2026-12-01T22:30:00.000Z' })).toBeUndefined();
  });

  it('lets an alert raised inside the hours through at once, the opening minute included', () => {
    expect(quietHoursRelease(PARIS, { severity: 'C', occurredAt: '2026-12-01T10:00:00.000Z' })).toBeUndefined();
    expect(quietHoursRelease(PARIS, { severity: 'C', occurredAt: '2026-12-02T08:00:00.000Z' })).toBeUndefined();
  });

  it('holds nothing for a recipient without a calendar', () => {
    expect(quietHoursRelease(undefined, { severity: 'C', occurredAt: '2026-12-01T22:30:00.000Z' })).toBeUndefined();
  });
});
