import { addBusinessMinutes, businessDayMinutes } from './business-calendar';
import { DEFAULT_SLA_POLICY, type BusinessCalendar } from './sla-policy';

// 2026-11-16 is a Monday; the default calendar works Monday to Friday, 09:00–17:00 UTC.
const officeHours = DEFAULT_SLA_POLICY.calendar;
const at = (iso: string) => new Date(iso);
const allWeek = (ranges: Array<[number, number]>): BusinessCalendar['week'] => ({
  1: ranges,
  2: ranges,
  3: ranges,
  4: ranges,
  5: ranges,
  6: ranges,
  7: ranges,
});

describe('addBusinessMinutes', () => {
  describe('inside working hours', () => {
    it('given Tuesday 10:00, when adding 60 minutes, then it is Tuesday 11:00', () => {
      expect(addBusinessMinutes(officeHours, at('2026-11-17T10:00:00Z'), 60)).toEqual(at('2026-11-17T11:00:00Z'));
    });

    it('given Friday 16:00, when adding 60 minutes, then it is Friday 17:00, the closing instant', () => {
      expect(addBusinessMinutes(officeHours, at('2026-11-20T16:00:00Z'), 60)).toEqual(at('2026-11-20T17:00:00Z'));
    });

    it('given Friday 16:00, when adding 120 minutes, then the second hour is counted on Monday', () => {
      expect(addBusinessMinutes(officeHours, at('2026-11-20T16:00:00Z'), 120)).toEqual(at('2026-11-23T10:00:00Z'));
    });

    it('given a start with milliseconds, when adding 1 minute, then the result keeps them exactly', () => {
      expect(addBusinessMinutes(officeHours, at('2026-11-17T10:00:00.123Z'), 1)).toEqual(at('2026-11-17T10:01:00.123Z'));
    });

    it('given a fractional number of minutes, when adding it, then the result is exact to the millisecond', () => {
      expect(addBusinessMinutes(officeHours, at('2026-11-17T10:00:00Z'), 0.12)).toEqual(at('2026-11-17T10:00:07.200Z'));
    });

    it('given a time inside hours, when adding 0 minutes, then it is returned unchanged', () => {
      expect(addBusinessMinutes(officeHours, at('2026-11-17T13:37:00Z'), 0)).toEqual(at('2026-11-17T13:37:00Z'));
    });
  });

  describe('outside working hours', () => {
    it('given Saturday 11:00, when adding 60 minutes, then counting starts at the Monday opening', () => {
      expect(addBusinessMinutes(officeHours, at('2026-11-21T11:00:00Z'), 60)).toEqual(at('2026-11-23T10:00:00Z'));
    });

    it('given Tuesday 20:00, when adding 60 minutes, then counting starts at the Wednesday opening', () => {
      expect(addBusinessMinutes(officeHours, at('2026-11-17T20:00:00Z'), 60)).toEqual(at('2026-11-18T10:00:00Z'));
    });

    it('given Tuesday 07:00, when adding 60 minutes, then counting starts at the same day opening', () => {
      expect(addBusinessMinutes(officeHours, at('2026-11-17T07:00:00Z'), 60)).toEqual(at('2026-11-17T10:00:00Z'));
    });

    it('given Saturday, when adding 0 minutes, then it is the next opening', () => {
      expect(addBusinessMinutes(officeHours, at('2026-11-21T11:00:00Z'), 0)).toEqual(at('2026-11-23T09:00:00Z'));
    });

    it('given the closing instant, when adding 0 minutes, then it is the next opening because ranges exclude their end', () => {
      expect(addBusinessMinutes(officeHours, at('2026-11-17T17:00:00Z'), 0)).toEqual(at('2026-11-18T09:00:00Z'));
    });
  });

  describe('holidays and split days', () => {
    it('given Wednesday is a holiday, when adding a full day from Tuesday 10:00, then it is Thursday 10:00', () => {
      const calendar = { ...officeHours, holidays: ['2026-11-18'] };

      expect(addBusinessMinutes(calendar, at('2026-11-17T10:00:00Z'), 480)).toEqual(at('2026-11-19T10:00:00Z'));
    });

    it('given a lunch break, when adding 120 minutes from 11:00, then the break is not counted', () => {
      const calendar: BusinessCalendar = {
        utcOffsetMinutes: 0,
        week: { 2: [[13 * 60, 17 * 60], [9 * 60, 12 * 60]] },
        holidays: [],
      };

      expect(addBusinessMinutes(calendar, at('2026-11-17T11:00:00Z'), 120)).toEqual(at('2026-11-17T14:00:00Z'));
    });
  });

  describe('a 24/7 calendar', () => {
    const aroundTheClock: BusinessCalendar = { utcOffsetMinutes: 0, week: allWeek([[0, 1440]]), holidays: [] };

    it('given Saturday 23:30, when adding 60 minutes, then no minute is lost at midnight', () => {
      expect(addBusinessMinutes(aroundTheClock, at('2026-11-21T23:30:00Z'), 60)).toEqual(at('2026-11-22T00:30:00Z'));
    });

    it('given 23:00, when adding 60 minutes, then it ends exactly at midnight', () => {
      expect(addBusinessMinutes(aroundTheClock, at('2026-11-21T23:00:00Z'), 60)).toEqual(at('2026-11-22T00:00:00Z'));
    });

    it('given any instant, when adding a whole week, then it is exactly seven days later', () => {
      expect(addBusinessMinutes(aroundTheClock, at('2026-11-18T05:06:07.089Z'), 7 * 1440)).toEqual(
        at('2026-11-25T05:06:07.089Z'),
      );
    });
  });

  describe('a non-zero UTC offset', () => {
    it('given UTC+01:00 and Friday 16:00 local, when adding 120 minutes, then it is Monday 10:00 local (09:00 UTC)', () => {
      const paris = { ...officeHours, utcOffsetMinutes: 60 };

      expect(addBusinessMinutes(paris, at('2026-11-20T15:00:00Z'), 120)).toEqual(at('2026-11-23T09:00:00Z'));
    });

    it('given UTC-05:00 and Monday 03:00 UTC (Sunday night local), when adding 0 minutes, then it is Monday 09:00 local', () => {
      const newYork = { ...officeHours, utcOffsetMinutes: -300 };

      expect(addBusinessMinutes(newYork, at('2026-11-23T03:00:00Z'), 0)).toEqual(at('2026-11-23T14:00:00Z'));
    });

    it('given UTC-05:00 and a holiday on the local Tuesday, when starting late Monday local, then the holiday is keyed to the local date', () => {
      const newYork = { ...officeHours, utcOffsetMinutes: -300, holidays: ['2026-11-24'] };

      expect(addBusinessMinutes(newYork, at('2026-11-24T02:00:00Z'), 0)).toEqual(at('2026-11-25T14:00:00Z'));
    });
  });

  describe('invalid input', () => {
    it('given a calendar with no working ranges, when adding minutes, then it throws a clear error', () => {
      const closed: BusinessCalendar = { utcOffsetMinutes: 0, week: {}, holidays: [] };

      expect(() => addBusinessMinutes(closed, at('2026-11-17T10:00:00Z'), 60)).toThrow('has no working time');
    });

    it('given a calendar whose ranges are all empty, when adding minutes, then it throws a clear error', () => {
      const empty: BusinessCalendar = { utcOffsetMinutes: 0, week: { 1: [], 2: [[600, 600]], 3: [[700, 600]] }, holidays: [] };

      expect(() => addBusinessMinutes(empty, at('2026-11-17T10:00:00Z'), 60)).toThrow('has no working time');
    });

    it('given holidays on every working day for years, when adding minutes, then it throws instead of looping forever', () => {
      const mondays = Array.from({ length: 6 * 53 }, (_, week) =>
        new Date(Date.UTC(2026, 10, 16) + week * 7 * 86_400_000).toISOString().slice(0, 10),
      );
      const calendar: BusinessCalendar = { utcOffsetMinutes: 0, week: { 1: [[540, 1020]] }, holidays: mondays };

      expect(() => addBusinessMinutes(calendar, at('2026-11-16T10:00:00Z'), 60)).toThrow('consecutive days');
    });

    it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('given %p minutes, when adding them, then it throws', (minutes) => {
      expect(() => addBusinessMinutes(officeHours, at('2026-11-17T10:00:00Z'), minutes)).toThrow(RangeError);
    });

    it('given an invalid start date, when adding minutes, then it throws', () => {
      expect(() => addBusinessMinutes(officeHours, new Date('not a date'), 60)).toThrow('valid start date');
    });
  });
});

describe('businessDayMinutes', () => {
  it('given the default calendar, when measuring a working day, then it is 480 minutes', () => {
    expect(businessDayMinutes(officeHours)).toBe(480);
  });

  it('given a split day, when measuring it, then the ranges are summed', () => {
    const calendar: BusinessCalendar = { utcOffsetMinutes: 0, week: { 1: [[540, 720], [780, 1020]] }, holidays: [] };

    expect(businessDayMinutes(calendar)).toBe(420);
  });

  it('given a week starting on Tuesday, when measuring a working day, then the first weekday with ranges is used', () => {
    const calendar: BusinessCalendar = { utcOffsetMinutes: 0, week: { 1: [], 2: [[600, 900]], 3: [[540, 1020]] }, holidays: [] };

    expect(businessDayMinutes(calendar)).toBe(300);
  });

  it('given a 24/7 calendar, when measuring a working day, then it is 1440 minutes', () => {
    expect(businessDayMinutes({ utcOffsetMinutes: 0, week: allWeek([[0, 1440]]), holidays: [] })).toBe(1440);
  });

  it('given a calendar with no working time, when measuring a working day, then it throws', () => {
    expect(() => businessDayMinutes({ utcOffsetMinutes: 0, week: {}, holidays: [] })).toThrow('has no working time');
  });
});
