import { accessTimeoutMs, escalationSchedule, isEnglish, responseDeadline } from './response-deadline';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from './sla-policy';

// 2026-11-16 is a Monday; the default calendar works Monday to Friday, 09:00–17:00 UTC.
const at = (iso: string) => new Date(iso);
const HOUR_MS = 3_600_000;
const policy = DEFAULT_SLA_POLICY;

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

      const due = responseDeadline(filedAt, { severity, incidentType: 'break-fix', language: 'en' }, policy);

      expect(due.getTime() - filedAt.getTime()).toBe(hours * HOUR_MS);
    });
  });

  describe('local-language break/fix, in business hours', () => {
    it("given severity A in 'fr' filed Friday 16:00, when computing, then it is due Monday 10:00", () => {
      const due = responseDeadline(at('2026-11-20T16:00:00Z'), { severity: 'A', incidentType: 'break-fix', language: 'fr' }, policy);

      expect(due).toEqual(at('2026-11-23T10:00:00Z'));
    });

    it("given severity A in 'fr' filed Saturday, when computing, then the clock starts at the Monday opening", () => {
      const due = responseDeadline(at('2026-11-21T12:00:00Z'), { severity: 'A', incidentType: 'break-fix', language: 'fr' }, policy);

      expect(due).toEqual(at('2026-11-23T11:00:00Z'));
    });

    it("given severity C in 'de' filed Tuesday 20:00, when computing, then it is due at the Wednesday closing", () => {
      const due = responseDeadline(at('2026-11-17T20:00:00Z'), { severity: 'C', incidentType: 'break-fix', language: 'de' }, policy);

      expect(due).toEqual(at('2026-11-18T17:00:00Z'));
    });

    it("given a UTC+01:00 calendar and severity B in 'fr' filed Friday 15:00 local, when computing, then it is due Monday 11:00 local", () => {
      const paris: SlaPolicy = { ...policy, calendar: { ...policy.calendar, utcOffsetMinutes: 60 } };

      const due = responseDeadline(at('2026-11-20T14:00:00Z'), { severity: 'B', incidentType: 'break-fix', language: 'fr' }, paris);

      expect(due).toEqual(at('2026-11-23T10:00:00Z'));
    });
  });

  describe('non-break/fix, one business day', () => {
    it('given Tuesday 10:00, when computing, then it is due Wednesday 10:00', () => {
      const due = responseDeadline(at('2026-11-17T10:00:00Z'), { severity: 'C', incidentType: 'non-break-fix', language: 'en' }, policy);

      expect(due).toEqual(at('2026-11-18T10:00:00Z'));
    });

    it('given Friday 16:00, when computing, then it is due Monday 16:00', () => {
      const due = responseDeadline(at('2026-11-20T16:00:00Z'), { severity: 'A', incidentType: 'non-break-fix', language: 'en' }, policy);

      expect(due).toEqual(at('2026-11-23T16:00:00Z'));
    });

    it('given Tuesday 10:00 and a holiday on Wednesday, when computing, then the holiday is skipped', () => {
      const withHoliday: SlaPolicy = { ...policy, calendar: { ...policy.calendar, holidays: ['2026-11-18'] } };

      const due = responseDeadline(
        at('2026-11-17T10:00:00Z'),
        { severity: 'B', incidentType: 'non-break-fix', language: 'fr' },
        withHoliday,
      );

      expect(due).toEqual(at('2026-11-19T10:00:00Z'));
    });

    it('given two business days in the policy, when computing from Thursday 10:00, then it is due Monday 10:00', () => {
      const due = responseDeadline(
        at('2026-11-19T10:00:00Z'),
        { severity: 'B', incidentType: 'non-break-fix', language: 'en' },
        { ...policy, nonBreakFixBusinessDays: 2 },
      );

      expect(due).toEqual(at('2026-11-23T10:00:00Z'));
    });
  });

  describe('time scale', () => {
    const demo: SlaPolicy = { ...policy, timeScale: 0.001 };

    it('given a time scale of 0.001, when computing an English severity A target, then 2 hours become 7.2 seconds', () => {
      const filedAt = at('2026-11-17T10:00:00Z');

      const due = responseDeadline(filedAt, { severity: 'A', incidentType: 'break-fix', language: 'en' }, demo);

      expect(due.getTime() - filedAt.getTime()).toBe(7_200);
    });

    it('given a time scale of 0.001, when computing a business-hours target, then the whole elapsed window is scaled', () => {
      const filedAt = at('2026-11-20T16:00:00Z');

      const due = responseDeadline(filedAt, { severity: 'A', incidentType: 'break-fix', language: 'fr' }, demo);

      // Friday 16:00 → Monday 10:00 is 66 hours of wall-clock time.
      expect(due.getTime() - filedAt.getTime()).toBe(66 * 3_600);
    });

    it('given a scaled window with a fraction of a millisecond, when computing, then it is rounded to whole milliseconds', () => {
      const filedAt = at('2026-11-17T10:00:00Z');

      const due = responseDeadline(filedAt, { severity: 'A', incidentType: 'break-fix', language: 'en' }, { ...policy, timeScale: 1 / 3 });

      expect(due.getTime() - filedAt.getTime()).toBe(2_400_000);
    });

    it.each([0, -1, Number.NaN])('given a time scale of %p, when computing, then it throws', (timeScale) => {
      expect(() =>
        responseDeadline(at('2026-11-17T10:00:00Z'), { severity: 'A', incidentType: 'break-fix', language: 'en' }, { ...policy, timeScale }),
      ).toThrow('time scale must be a positive number');
    });
  });

  it('given a calendar with no working time, when computing a business-hours target, then it throws', () => {
    const closed: SlaPolicy = { ...policy, calendar: { utcOffsetMinutes: 0, week: {}, holidays: [] } };

    expect(() =>
      responseDeadline(at('2026-11-17T10:00:00Z'), { severity: 'A', incidentType: 'non-break-fix', language: 'en' }, closed),
    ).toThrow('has no working time');
  });
});

describe('escalationSchedule', () => {
  it('given the default ladder and a severity A request, when scheduling, then the levels fire at +2 h, +3 h and +4 h', () => {
    const filedAt = at('2026-11-17T10:00:00Z');
    const dueAt = responseDeadline(filedAt, { severity: 'A', incidentType: 'break-fix', language: 'en' }, policy);

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
    const dueAt = responseDeadline(filedAt, { severity: 'A', incidentType: 'break-fix', language: 'en' }, demo);

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
