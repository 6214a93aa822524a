import { accessTimeoutMs, escalationSchedule, isEnglish, responseDeadline } from './response-deadline';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from './sla-policy';

// 2026-11-16 is a Monday; the default calendar works Monday to Friday, 09:00–17:00 in the 'UTC' time zone.
const at = (iso: string) => new Date(iso);
const HOUR_MS = 3_600_000;
const policy = DEFAULT_SLA_POLICY;
const allDay: Array<[number, number]> = [[0, 1440]];
const allWeek = { 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: allDay, 7: allDay };
const customer = { tenantId: '11111111-1111-1111-1111-111111111111', domain: 'contoso.com' };

describe('isEnglish', () => {
  it.each(['en', 'en-US', 'EN-gb', ' en ', 'en_AU'])('given %p, when checking, then it is English', (language) => {
    expect(isEnglish(language)).toBe(true);
  });

  it.each(['fr', 'fr-FR', 'eng', 'es-EN', ''])('given %p, when checking, then it is not English', (language) => {
    expect(isEnglish(language)).toBe(false);
  });
});

describe('responseDeadline', () => {
  describe('English break/fix, around the clock', () => {
    it.each([
      ['A', 2],
      ['B', 4],
      ['C', 8],
    ] as const)('given severity %s filed on a Saturday night, when computing, then it is due exactly %i hours later', (severity, hours) => {
      const filedAt = at('2026-11-21T23:15:00Z');

      const due = responseDeadline(filedAt, { severity, incidentType: 'break-fix', language: 'en', customer }, policy);

      expect(due.getTime() - filedAt.getTime()).toBe(hours * HOUR_MS);
    });
  });

  describe('local-language break/fix, in business hours', () => {
    it("given severity A in 'fr' filed Friday 16:00, when computing, then it is due Monday 10:00", () => {
      const due = responseDeadline(at('2026-11-20T16:00:00Z'), { severity: 'A', incidentType: 'break-fix', language: 'fr', customer }, policy);

      expect(due).toEqual(at('2026-11-23T10:00:00Z'));
    });

    it("given severity A in 'fr' filed Saturday, when computing, then the clock starts at the Monday opening", () => {
      const due = responseDeadline(at('2026-11-21T12:00:00Z'), { severity: 'A', incidentType: 'break-fix', language: 'fr', customer }, policy);

      expect(due).toEqual(at('2026-11-23T11:00:00Z'));
    });

    it("given severity C in 'de' filed Tuesday 20:00, when computing, then it is due at the Wednesday closing", () => {
      const due = responseDeadline(at('2026-11-17T20:00:00Z'), { severity: 'C', incidentType: 'break-fix', language: 'de', customer }, policy);

      expect(due).toEqual(at('2026-11-18T17:00:00Z'));
    });

    it("given a Europe/Paris calendar in winter and severity B in 'fr' filed Friday 15:00 local, when computing, then it is due Monday 11:00 local", () => {
      const paris: SlaPolicy = { ...policy, calendar: { ...policy.calendar, timeZone: 'Europe/Paris' } };

      const due = responseDeadline(at('2026-11-20T14:00:00Z'), { severity: 'B', incidentType: 'break-fix', language: 'fr', customer }, paris);

      expect(due).toEqual(at('2026-11-23T10:00:00Z'));
    });
  });

  describe('non-break/fix, one business day', () => {
    it('given Tuesday 10:00, when computing, then it is due Wednesday 10:00', () => {
      const due = responseDeadline(at('2026-11-17T10:00:00Z'), { severity: 'C', incidentType: 'non-break-fix', language: 'en', customer }, policy);

      expect(due).toEqual(at('2026-11-18T10:00:00Z'));
    });

    it('given Friday 16:00, when computing, then it is due Monday 16:00', () => {
      const due = responseDeadline(at('2026-11-20T16:00:00Z'), { severity: 'A', incidentType: 'non-break-fix', language: 'en', customer }, policy);

      expect(due).toEqual(at('2026-11-23T16:00:00Z'));
    });

    it('given Tuesday 10:00 and a holiday on Wednesday, when computing, then the holiday is skipped', () => {
      const withHoliday: SlaPolicy = { ...policy, calendar: { ...policy.calendar, holidays: ['2026-11-18'] } };

      const due = responseDeadline(
        at('2026-11-17T10:00:00Z'),
        { severity: 'B', incidentType: 'non-break-fix', language: 'fr', customer },
        withHoliday,
      );

      expect(due).toEqual(at('2026-11-19T10:00:00Z'));
    });

    it('given two business days in the policy, when computing from Thursday 10:00, then it is due Monday 10:00', () => {
      const due = responseDeadline(
        at('2026-11-19T10:00:00Z'),
        { severity: 'B', incidentType: 'non-break-fix', language: 'en', customer },
        { ...policy, nonBreakFixBusinessDays: 2 },
      );

      expect(due).toEqual(at('2026-11-23T10:00:00Z'));
    });
  });

  describe('time scale', () => {
    const demo: SlaPolicy = { ...policy, timeScale: 0.001 };

    it('given a time scale of 0.001, when computing an English severity A target, then 2 hours become 7.2 seconds', () => {
      const filedAt = at('2026-11-17T10:00:00Z');

      const due = responseDeadline(filedAt, { severity: 'A', incidentType: 'break-fix', language: 'en', customer }, demo);

      expect(due.getTime() - filedAt.getTime()).toBe(7_200);
    });

    it('given a time scale of 0.001, when computing a business-hours target, then the whole elapsed window is scaled', () => {
      const filedAt = at('2026-11-20T16:00:00Z');

      const due = responseDeadline(filedAt, { severity: 'A', incidentType: 'break-fix', language: 'fr', customer }, demo);

      // Friday 16:00 → Monday 10:00 is 66 hours of wall-clock time.
      expect(due.getTime() - filedAt.getTime()).toBe(66 * 3_600);
    });

    it('given a scaled window with a fraction of a millisecond, when computing, then it is rounded to whole milliseconds', () => {
      const filedAt = at('2026-11-17T10:00:00Z');

      const due = responseDeadline(filedAt, { severity: 'A', incidentType: 'break-fix', language: 'en', customer }, { ...policy, timeScale: 1 / 3 });

      expect(due.getTime() - filedAt.getTime()).toBe(2_400_000);
    });

    it.each([0, -1, Number.NaN])('given a time scale of %p, when computing, then it throws', (timeScale) => {
      expect(() =>
        responseDeadline(at('2026-11-17T10:00:00Z'), { severity: 'A', incidentType: 'break-fix', language: 'en', customer }, { ...policy, timeScale }),
      ).toThrow('time scale must be a positive number');
    });
  });

  describe('time zones, daylight saving and holidays', () => {
    const parisCalendar = { ...policy.calendar, timeZone: 'Europe/Paris' };
    const paris: SlaPolicy = { ...policy, calendar: parisCalendar };
    const french = { incidentType: 'break-fix', language: 'fr', customer } as const;

    it("given severity B in 'fr' filed Friday 16:00 Paris time before the spring-forward, when computing, then it is due Monday 12:00 summer time", () => {
      const due = responseDeadline(at('2026-03-27T15:00:00Z'), { ...french, severity: 'B' }, paris);

      expect(due).toEqual(at('2026-03-30T10:00:00Z'));
    });

    it("given severity B in 'fr' filed Friday 16:00 Paris time before the fall-back, when computing, then it is due Monday 12:00 winter time", () => {
      const due = responseDeadline(at('2026-10-23T14:00:00Z'), { ...french, severity: 'B' }, paris);

      expect(due).toEqual(at('2026-10-26T11:00:00Z'));
    });

    it('given a 24/7 Paris calendar and severity C in de filed Saturday 22:00 before the spring-forward, when computing, then it is due 8 real hours later', () => {
      const aroundTheClock: SlaPolicy = { ...policy, calendar: { timeZone: 'Europe/Paris', week: allWeek, holidays: [] } };

      const due = responseDeadline(at('2026-03-28T21:00:00Z'), { ...french, language: 'de', severity: 'C' }, aroundTheClock);

      expect(due).toEqual(at('2026-03-29T05:00:00Z'));
    });

    it('given a 24/7 UTC calendar and severity C in fr filed at 20:00, when computing, then it is due at 04:00 the next day', () => {
      const aroundTheClock: SlaPolicy = { ...policy, calendar: { timeZone: 'UTC', week: allWeek, holidays: [] } };

      const due = responseDeadline(at('2026-11-17T20:00:00Z'), { ...french, severity: 'C' }, aroundTheClock);

      expect(due).toEqual(at('2026-11-18T04:00:00Z'));
    });

    it("given severity A in 'fr' filed Friday 16:30 Paris time and a holiday on Monday, when computing, then it is due Tuesday 10:30", () => {
      const withHoliday: SlaPolicy = { ...paris, calendar: { ...parisCalendar, holidays: ['2026-11-23'] } };

      const due = responseDeadline(at('2026-11-20T15:30:00Z'), { ...french, severity: 'A' }, withHoliday);

      expect(due).toEqual(at('2026-11-24T09:30:00Z'));
    });

    it("given severity C in 'fr' filed Saturday 20:00 Paris time, when computing, then the clock starts Monday 09:00 and it is due at 17:00", () => {
      const due = responseDeadline(at('2026-11-21T19:00:00Z'), { ...french, severity: 'C' }, paris);

      expect(due).toEqual(at('2026-11-23T16:00:00Z'));
    });

    it('given a non-break/fix request filed Friday 10:00 Paris time before the spring-forward, when computing, then it is due Monday 10:00 summer time', () => {
      const due = responseDeadline(at('2026-03-27T09:00:00Z'), { ...french, incidentType: 'non-break-fix', severity: 'C' }, paris);

      expect(due).toEqual(at('2026-03-30T08:00:00Z'));
    });

    it("given the same filing instant, when computing severity B in 'fr' for New York and for Paris, then each counts its own business hours", () => {
      const filedAt = at('2026-11-20T15:00:00Z'); // Friday: 10:00 in New York, 16:00 in Paris
      const newYork: SlaPolicy = { ...policy, calendar: { ...policy.calendar, timeZone: 'America/New_York' } };

      expect(responseDeadline(filedAt, { ...french, severity: 'B' }, newYork)).toEqual(at('2026-11-20T19:00:00Z'));
      expect(responseDeadline(filedAt, { ...french, severity: 'B' }, paris)).toEqual(at('2026-11-23T11:00:00Z'));
    });

    it('given English break/fix and a Paris calendar, when computing across the spring-forward, then it is exactly 2 real hours later', () => {
      const filedAt = at('2026-03-29T00:30:00Z');

      const due = responseDeadline(filedAt, { ...french, language: 'en', severity: 'A' }, paris);

      expect(due.getTime() - filedAt.getTime()).toBe(2 * HOUR_MS);
    });
  });

  describe('customer calendars', () => {
    const withCustomers: SlaPolicy = {
      ...policy,
      customerCalendars: {
        'Contoso.com': { ...policy.calendar, timeZone: 'Europe/Paris' },
        '33333333-3333-3333-3333-333333333333': { ...policy.calendar, timeZone: 'America/New_York' },
      },
    };
    const request = { severity: 'B', incidentType: 'break-fix', language: 'fr' } as const;
    const filedAt = at('2026-11-20T16:30:00Z'); // Friday: 16:30 UTC, 17:30 in Paris, 11:30 in New York

    it("given a customer with its own calendar by domain, when computing, then the customer's calendar is used over the default", () => {
      // Paris is closed on Friday at 17:30: 4 hours from Monday 09:00 local.
      expect(responseDeadline(filedAt, { ...request, customer }, withCustomers)).toEqual(at('2026-11-23T12:00:00Z'));
    });

    it("given a customer with its own calendar by tenant id, when computing, then the customer's calendar is used", () => {
      const newYorker = { tenantId: '33333333-3333-3333-3333-333333333333', domain: 'northwind.com' };

      expect(responseDeadline(filedAt, { ...request, customer: newYorker }, withCustomers)).toEqual(at('2026-11-20T20:30:00Z'));
    });

    it('given a customer without a calendar, when computing, then the default calendar is used', () => {
      const other = { tenantId: '44444444-4444-4444-4444-444444444444', domain: 'adatum.com' };

      // Default UTC office hours: 30 minutes on Friday, 3 h 30 on Monday.
      expect(responseDeadline(filedAt, { ...request, customer: other }, withCustomers)).toEqual(at('2026-11-23T12:30:00Z'));
    });
  });

  it('given a calendar with no working time, when computing a business-hours target, then it throws', () => {
    const closed: SlaPolicy = { ...policy, calendar: { timeZone: 'UTC', week: {}, holidays: [] } };

    expect(() =>
      responseDeadline(at('2026-11-17T10:00:00Z'), { severity: 'A', incidentType: 'non-break-fix', language: 'en', customer }, closed),
    ).toThrow('has no working time');
  });
});

describe('escalationSchedule', () => {
  it('given the default ladder and a severity A request, when scheduling, then the levels fire at +2 h, +3 h and +4 h', () => {
    const filedAt = at('2026-11-17T10:00:00Z');
    const dueAt = responseDeadline(filedAt, { severity: 'A', incidentType: 'break-fix', language: 'en', customer }, policy);

    expect(escalationSchedule(filedAt, dueAt, policy)).toEqual([
      { level: 1, audience: 'coordinators', at: at('2026-11-17T12:00:00Z') },
      { level: 2, audience: 'duty-manager', at: at('2026-11-17T13:00:00Z') },
      { level: 3, audience: 'microsoft-account-contact', at: at('2026-11-17T14:00:00Z') },
    ]);
  });

  it('given a ladder out of order, when scheduling, then levels come sorted and the policy is left untouched', () => {
    const ladder = [...policy.ladder].reverse();
    const shuffled: SlaPolicy = { ...policy, ladder };

    const schedule = escalationSchedule(at('2026-11-17T10:00:00Z'), at('2026-11-17T12:00:00Z'), shuffled);

    expect(schedule.map(({ level }) => level)).toEqual([1, 2, 3]);
    expect(ladder.map(({ level }) => level)).toEqual([3, 2, 1]);
  });

  it('given a scaled response window, when scheduling, then the ladder delays scale with it', () => {
    const demo: SlaPolicy = { ...policy, timeScale: 0.001 };
    const filedAt = at('2026-11-17T10:00:00Z');
    const dueAt = responseDeadline(filedAt, { severity: 'A', incidentType: 'break-fix', language: 'en', customer }, demo);

    const offsets = escalationSchedule(filedAt, dueAt, demo).map((step) => step.at.getTime() - filedAt.getTime());

    expect(offsets).toEqual([7_200, 10_800, 14_400]);
  });
});

describe('accessTimeoutMs', () => {
  it('given the default policy, when reading the access time-out, then it is seven days', () => {
    expect(accessTimeoutMs(policy)).toBe(7 * 24 * HOUR_MS);
  });

  it('given a time scale of 0.001, when reading the access time-out, then it is scaled and whole', () => {
    expect(accessTimeoutMs({ ...policy, timeScale: 0.001 })).toBe(604_800);
    expect(Number.isInteger(accessTimeoutMs({ ...policy, accessTimeoutMinutes: 1, timeScale: 1 / 7 }))).toBe(true);
  });
});
