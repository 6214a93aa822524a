import { addBusinessMinutes, businessDayMinutes } from './business-calendar';
import { DEFAULT_SLA_POLICY, type BusinessCalendar } from './sla-policy';

// 2026-11-16 is a Monday; the default calendar works Monday to Friday, 09:00–17:00 in the 'UTC' time zone.
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
        timeZone: 'UTC',
        week: { 2: [[13 * 60, 17 * 60], [9 * 60, 12 * 60]] },
        holidays: [],
      };

      expect(addBusinessMinutes(calendar, at('2026-11-17T11:00:00Z'), 120)).toEqual(at('2026-11-17T14:00:00Z'));
    });
  });

  describe('a 24/7 calendar', () => {
    const aroundTheClock: BusinessCalendar = { timeZone: 'UTC', week: allWeek([[0, 1440]]), holidays: [] };

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

  describe('a time zone other than UTC', () => {
    it('given Europe/Paris in winter (UTC+01:00) and Friday 16:00 local, when adding 120 minutes, then it is Monday 10:00 local (09:00 UTC)', () => {
      const paris = { ...officeHours, timeZone: 'Europe/Paris' };

      expect(addBusinessMinutes(paris, at('2026-11-20T15:00:00Z'), 120)).toEqual(at('2026-11-23T09:00:00Z'));
    });

    it('given America/New_York in winter (UTC-05:00) and Monday 03:00 UTC (Sunday night local), when adding 0 minutes, then it is Monday 09:00 local', () => {
      const newYork = { ...officeHours, timeZone: 'America/New_York' };

      expect(addBusinessMinutes(newYork, at('2026-11-23T03:00:00Z'), 0)).toEqual(at('2026-11-23T14:00:00Z'));
    });

    it('given America/New_York and a holiday on the local Tuesday, when starting late Monday local, then the holiday is keyed to the local date', () => {
      const newYork = { ...officeHours, timeZone: 'America/New_York', holidays: ['2026-11-24'] };

      expect(addBusinessMinutes(newYork, at('2026-11-24T02:00:00Z'), 0)).toEqual(at('2026-11-25T14:00:00Z'));
    });
  });

  describe('daylight saving time in Europe/Paris (2026: spring forward on 29 March, fall back on 25 October)', () => {
    const paris: BusinessCalendar = { ...officeHours, timeZone: 'Europe/Paris' };
    const parisEveryDay = (ranges: Array<[number, number]>): BusinessCalendar => ({
      timeZone: 'Europe/Paris',
      week: allWeek(ranges),
      holidays: [],
    });

    it('given Friday 16:00 local before the spring-forward weekend, when adding 120 minutes, then it is Monday 10:00 summer time (08:00 UTC)', () => {
      expect(addBusinessMinutes(paris, at('2026-03-27T15:00:00Z'), 120)).toEqual(at('2026-03-30T08:00:00Z'));
    });

    it('given Friday 16:00 local before the fall-back weekend, when adding 120 minutes, then it is Monday 10:00 winter time (09:00 UTC)', () => {
      expect(addBusinessMinutes(paris, at('2026-10-23T14:00:00Z'), 120)).toEqual(at('2026-10-26T09:00:00Z'));
    });

    it('given 09:00–17:00 on the spring-forward Sunday, when adding 480 minutes from the opening, then the day still holds 8 real hours', () => {
      expect(addBusinessMinutes(parisEveryDay([[540, 1020]]), at('2026-03-29T07:00:00Z'), 480)).toEqual(at('2026-03-29T15:00:00Z'));
    });

    it('given 09:00–17:00 on the fall-back Sunday, when adding 480 minutes from the opening, then the day still holds 8 real hours', () => {
      expect(addBusinessMinutes(parisEveryDay([[540, 1020]]), at('2026-10-25T08:00:00Z'), 480)).toEqual(at('2026-10-25T16:00:00Z'));
    });

    it('given 01:00–04:00 across the spring-forward jump, when working through it, then only the 2 real hours count', () => {
      const nights = parisEveryDay([[60, 240]]);

      expect(addBusinessMinutes(nights, at('2026-03-29T00:00:00Z'), 120)).toEqual(at('2026-03-29T02:00:00Z'));
      // One minute more goes to the next night, 01:00 summer time (23:00 UTC).
      expect(addBusinessMinutes(nights, at('2026-03-29T00:00:00Z'), 121)).toEqual(at('2026-03-29T23:01:00Z'));
    });

    it('given 01:00–04:00 across the fall-back jump, when working through it, then the 4 real hours count', () => {
      const nights = parisEveryDay([[60, 240]]);

      expect(addBusinessMinutes(nights, at('2026-10-24T23:00:00Z'), 240)).toEqual(at('2026-10-25T03:00:00Z'));
    });

    it('given a range starting in the repeated hour of the fall-back, when working through it, then both occurrences count', () => {
      const repeatedHour: BusinessCalendar = { timeZone: 'Europe/Paris', week: { 7: [[120, 180]] }, holidays: [] };

      // 02:00 summer time (00:00 UTC) to 03:00 winter time (02:00 UTC).
      expect(addBusinessMinutes(repeatedHour, at('2026-10-24T12:00:00Z'), 0)).toEqual(at('2026-10-25T00:00:00Z'));
      expect(addBusinessMinutes(repeatedHour, at('2026-10-24T12:00:00Z'), 120)).toEqual(at('2026-10-25T02:00:00Z'));
    });

    it('given a range starting in the hour skipped by the spring-forward, when working through it, then its start moves forward by the gap', () => {
      const skippedHour: BusinessCalendar = { timeZone: 'Europe/Paris', week: { 7: [[150, 240]] }, holidays: [] };

      // 02:30 does not exist; like RFC 5545 and luxon, it is read as 03:30 summer time (01:30 UTC), so 30 minutes to 04:00.
      expect(addBusinessMinutes(skippedHour, at('2026-03-28T12:00:00Z'), 0)).toEqual(at('2026-03-29T01:30:00Z'));
      expect(addBusinessMinutes(skippedHour, at('2026-03-28T12:00:00Z'), 30)).toEqual(at('2026-03-29T02:00:00Z'));
    });

    it('given a 24/7 calendar on the spring-forward night, when adding 8 hours from Saturday 22:00, then it is 8 real hours later', () => {
      expect(addBusinessMinutes(parisEveryDay([[0, 1440]]), at('2026-03-28T21:00:00Z'), 480)).toEqual(at('2026-03-29T05:00:00Z'));
    });

    it('given a 24/7 calendar on the fall-back night, when adding 8 hours from Saturday 22:00, then it is 8 real hours later', () => {
      expect(addBusinessMinutes(parisEveryDay([[0, 1440]]), at('2026-10-24T20:00:00Z'), 480)).toEqual(at('2026-10-25T04:00:00Z'));
    });
  });

  describe('America/New_York against Europe/Paris', () => {
    it('given the same Friday 15:00 UTC, when adding 240 minutes, then New York (10:00 local) is due the same day and Paris (16:00 local) on Monday', () => {
      const filedAt = at('2026-11-20T15:00:00Z');

      expect(addBusinessMinutes({ ...officeHours, timeZone: 'America/New_York' }, filedAt, 240)).toEqual(at('2026-11-20T19:00:00Z'));
      expect(addBusinessMinutes({ ...officeHours, timeZone: 'Europe/Paris' }, filedAt, 240)).toEqual(at('2026-11-23T11:00:00Z'));
    });

    it('given New York between the US and the EU spring changes, when opening on Monday 9 March 2026, then it is 09:00 EDT (13:00 UTC)', () => {
      expect(addBusinessMinutes({ ...officeHours, timeZone: 'America/New_York' }, at('2026-03-07T12:00:00Z'), 0)).toEqual(
        at('2026-03-09T13:00:00Z'),
      );
    });
  });

  describe('outside hours and holidays in a time zone', () => {
    const paris: BusinessCalendar = { ...officeHours, timeZone: 'Europe/Paris' };

    it('given Saturday 20:00 Paris time, when adding 60 minutes, then counting starts at the Monday 09:00 opening', () => {
      expect(addBusinessMinutes(paris, at('2026-11-21T19:00:00Z'), 60)).toEqual(at('2026-11-23T09:00:00Z'));
    });

    it('given a deadline that would land on a Monday holiday, when adding 120 minutes from Friday 16:00, then it moves to Tuesday 10:00', () => {
      const withHoliday = { ...paris, holidays: ['2026-11-23'] };

      expect(addBusinessMinutes(withHoliday, at('2026-11-20T15:00:00Z'), 120)).toEqual(at('2026-11-24T09:00:00Z'));
    });
  });

  describe('a 24/7 calendar across midnight', () => {
    it('given 20:00 UTC, when adding 8 hours, then it is 04:00 the next day', () => {
      const aroundTheClock: BusinessCalendar = { timeZone: 'UTC', week: allWeek([[0, 1440]]), holidays: [] };

      expect(addBusinessMinutes(aroundTheClock, at('2026-11-17T20:00:00Z'), 480)).toEqual(at('2026-11-18T04:00:00Z'));
    });

    it('given 20:00 Paris time, when adding 8 hours, then it is 04:00 Paris time the next day', () => {
      const aroundTheClock: BusinessCalendar = { timeZone: 'Europe/Paris', week: allWeek([[0, 1440]]), holidays: [] };

      expect(addBusinessMinutes(aroundTheClock, at('2026-11-17T19:00:00Z'), 480)).toEqual(at('2026-11-18T03:00:00Z'));
    });
  });

  describe('a calendar kept from before time zones', () => {
    it('given a fixed utcOffsetMinutes and no timeZone, when adding minutes, then that fixed offset is still used', () => {
      const legacy = { utcOffsetMinutes: 60, week: officeHours.week, holidays: [] } as unknown as BusinessCalendar;

      expect(addBusinessMinutes(legacy, at('2026-11-20T15:00:00Z'), 120)).toEqual(at('2026-11-23T09:00:00Z'));
      // A fixed offset ignores daylight saving: 09:00 at UTC+01:00 is 08:00 UTC in summer too.
      expect(addBusinessMinutes(legacy, at('2026-07-06T06:00:00Z'), 0)).toEqual(at('2026-07-06T08:00:00Z'));
    });
  });

  describe('invalid input', () => {
    it('given a calendar with no working ranges, when adding minutes, then it throws a clear error', () => {
      const closed: BusinessCalendar = { timeZone: 'UTC', week: {}, holidays: [] };

      expect(() => addBusinessMinutes(closed, at('2026-11-17T10:00:00Z'), 60)).toThrow('has no working time');
    });

    it('given a calendar whose ranges are all empty, when adding minutes, then it throws a clear error', () => {
      const empty: BusinessCalendar = { timeZone: 'UTC', week: { 1: [], 2: [[600, 600]], 3: [[700, 600]] }, holidays: [] };

      expect(() => addBusinessMinutes(empty, at('2026-11-17T10:00:00Z'), 60)).toThrow('has no working time');
    });

    it('given holidays on every working day for years, when adding minutes, then it throws instead of looping forever', () => {
      const mondays = Array.from({ length: 6 * 53 }, (_, week) =>
        new Date(Date.UTC(2026, 10, 16) + week * 7 * 86_400_000).toISOString().slice(0, 10),
      );
      const calendar: BusinessCalendar = { timeZone: 'UTC', week: { 1: [[540, 1020]] }, holidays: mondays };

      expect(() => addBusinessMinutes(calendar, at('2026-11-16T10:00:00Z'), 60)).toThrow('consecutive days');
    });

    it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('given %p minutes, when adding them, then it throws', (minutes) => {
      expect(() => addBusinessMinutes(officeHours, at('2026-11-17T10:00:00Z'), minutes)).toThrow(RangeError);
    });

    it.each(['Europe/Pariss', 'UTC+01:00', ''])('given the unknown time zone %p, when adding minutes, then it throws a clear error', (timeZone) => {
      expect(() => addBusinessMinutes({ ...officeHours, timeZone }, at('2026-11-17T10:00:00Z'), 60)).toThrow(
        'is not a known IANA time zone',
      );
    });

    it('given a range beyond the end of the day, when adding minutes, then it throws', () => {
      const calendar: BusinessCalendar = { timeZone: 'UTC', week: { 1: [[540, 1500]] }, holidays: [] };

      expect(() => addBusinessMinutes(calendar, at('2026-11-16T10:00:00Z'), 60)).toThrow('outside 0…1440');
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
    const calendar: BusinessCalendar = { timeZone: 'UTC', week: { 1: [[540, 720], [780, 1020]] }, holidays: [] };

    expect(businessDayMinutes(calendar)).toBe(420);
  });

  it('given a week starting on Tuesday, when measuring a working day, then the first weekday with ranges is used', () => {
    const calendar: BusinessCalendar = { timeZone: 'UTC', week: { 1: [], 2: [[600, 900]], 3: [[540, 1020]] }, holidays: [] };

    expect(businessDayMinutes(calendar)).toBe(300);
  });

  it('given a 24/7 calendar, when measuring a working day, then it is 1440 minutes', () => {
    expect(businessDayMinutes({ timeZone: 'UTC', week: allWeek([[0, 1440]]), holidays: [] })).toBe(1440);
  });

  it('given overlapping ranges, when measuring a working day, then the overlap counts once', () => {
    const calendar: BusinessCalendar = { timeZone: 'UTC', week: { 1: [[540, 720], [600, 1020]] }, holidays: [] };

    expect(businessDayMinutes(calendar)).toBe(480);
  });

  it('given Europe/Paris, when measuring a working day, then it is counted in local clock minutes', () => {
    expect(businessDayMinutes({ ...officeHours, timeZone: 'Europe/Paris' })).toBe(480);
  });

  it('given an unknown time zone, when measuring a working day, then it throws a clear error', () => {
    expect(() => businessDayMinutes({ ...officeHours, timeZone: 'Mars/Olympus_Mons' })).toThrow('is not a known IANA time zone');
  });

  it('given a calendar with no working time, when measuring a working day, then it throws', () => {
    expect(() => businessDayMinutes({ timeZone: 'UTC', week: {}, holidays: [] })).toThrow('has no working time');
  });
});
