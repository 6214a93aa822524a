import { parseICalHolidays } from './ical-holidays';

const ics = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', ...lines, 'END:VCALENDAR'].join('\r\n');

describe('parseICalHolidays', () => {
  it('given single all-day events, when parsing, then their dates come back sorted', () => {
    const calendar = ics(
      'BEGIN:VEVENT',
      'SUMMARY:Noël',
      'DTSTART;VALUE=DATE:20261225',
      'DTEND;VALUE=DATE:20261226',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'SUMMARY:Armistice',
      'DTSTART;VALUE=DATE:20261111',
      'END:VEVENT',
    );

    expect(parseICalHolidays(calendar)).toEqual(['2026-11-11', '2026-12-25']);
  });

  it('given a two-day all-day event, when parsing, then DTEND is exclusive and both days are holidays', () => {
    const calendar = ics('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261231', 'DTEND;VALUE=DATE:20270102', 'END:VEVENT');

    expect(parseICalHolidays(calendar)).toEqual(['2026-12-31', '2027-01-01']);
  });

  it('given folded lines, when parsing, then they are unfolded before reading', () => {
    const calendar = ics(
      'BEGIN:VEVENT',
      'SUMMARY:A very long summary that a producer folded',
      '  at 75 octets',
      'DTSTART;VALUE=',
      ' DATE:2026',
      '\t0501',
      'END:VEVENT',
    );

    expect(parseICalHolidays(calendar)).toEqual(['2026-05-01']);
  });

  it('given a DTSTART date-time (with or without a zone), when parsing, then the date as written is taken', () => {
    const calendar = ics(
      'BEGIN:VEVENT',
      'DTSTART;TZID="Europe/Paris":20260714T090000',
      'DTEND;TZID="Europe/Paris":20260716T180000',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART:20260815T000000Z',
      'END:VEVENT',
    );

    expect(parseICalHolidays(calendar)).toEqual(['2026-07-14', '2026-08-15']);
  });

  it('given duplicates, Unix line endings and lower-case names, when parsing, then each date comes once', () => {
    const calendar = [
      'begin:vcalendar',
      'begin:vevent',
      'dtstart;value=date:20260101',
      'end:vevent',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20260101',
      'END:VEVENT',
      'end:vcalendar',
    ].join('\n');

    expect(parseICalHolidays(calendar)).toEqual(['2026-01-01']);
  });

  it('given junk, when parsing, then everything but VEVENT dates is ignored', () => {
    const calendar = ics(
      'X-WR-CALNAME:Jours fériés',
      'DTSTART;VALUE=DATE:20260202',
      'BEGIN:VTIMEZONE',
      'TZID:Europe/Paris',
      'BEGIN:STANDARD',
      'DTSTART:19701025T030000',
      'END:STANDARD',
      'END:VTIMEZONE',
      'BEGIN:VTODO',
      'DTSTART;VALUE=DATE:20260303',
      'END:VTODO',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20261301',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:2026-04-04',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20260405T100000',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'SUMMARY:no start at all',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20260101',
      'DTEND;VALUE=DATE:20990101',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20260406',
      'BEGIN:VALARM',
      'DTSTART;VALUE=DATE:20260407',
      'END:VALARM',
      'RRULE:FREQ=YEARLY',
      'END:VEVENT',
      'this line means nothing',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20260508',
    );

    expect(parseICalHolidays(calendar)).toEqual(['2026-04-06']);
  });

  it('given a byte-order mark before BEGIN:VCALENDAR, when parsing, then the calendar is read as usual', () => {
    expect(parseICalHolidays(`\uFEFF${ics('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20260525', 'END:VEVENT')}`)).toEqual(['2026-05-25']);
  });

  it('given an empty text, when parsing, then there are no holidays', () => {
    expect(parseICalHolidays('')).toEqual([]);
  });
});
