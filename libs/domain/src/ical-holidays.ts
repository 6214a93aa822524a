/** Longer all-day events are taken for junk rather than expanded into thousands of dates. */
const MAX_EVENT_DAYS = 366;
const DAY_MS = 86_400_000;

/**
 * The holiday dates (YYYY-MM-DD, sorted, unique) of an iCalendar (RFC 5545) text: each VEVENT's all-day span
 * (`DTSTART;VALUE=DATE` up to the exclusive `DTEND;VALUE=DATE`, or the single start day) or, for a timed event,
 * the date of its `DTSTART` as written. Folded lines are unfolded; other components, properties, recurrence
 * rules and malformed values are ignored. Pure: the caller reads the file.
 */
export function parseICalHolidays(ics: string): string[] {
  const dates = new Set<string>();
  const components: string[] = [];
  let event: { start?: ICalDate; end?: ICalDate } | undefined;
  for (const line of unfold(ics)) {
    const property = parseLine(line);
    if (!property) continue;
    if (property.name === 'BEGIN') {
      const component = property.value.toUpperCase();
      components.push(component);
      if (component === 'VEVENT') event = {};
    } else if (property.name === 'END') {
      // END closes the innermost component of that name; an unclosed VEVENT inside it is dropped.
      const ended = property.value.toUpperCase();
      const index = components.lastIndexOf(ended);
      if (index < 0) continue;
      components.length = index;
      if (ended === 'VEVENT' && event) for (const date of eventDates(event)) dates.add(date);
      if (!components.includes('VEVENT')) event = undefined;
    } else if (event && components[components.length - 1] === 'VEVENT') {
      if (property.name === 'DTSTART') event.start = parseDate(property) ?? event.start;
      if (property.name === 'DTEND') event.end = parseDate(property) ?? event.end;
    }
  }
  return [...dates].sort();
}

interface ICalDate {
  /** Milliseconds of the date at UTC midnight: a pure calendar date. */
  day: number;
  allDay: boolean;
}

/** RFC 5545 §3.1: a line break followed by one space or tab continues the previous line. */
function unfold(ics: string): string[] {
  return ics
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n');
}

/** `NAME;PARAM=VALUE;…:value`, where parameter values may be quoted (and so hold `:` or `;`). */
function parseLine(line: string): { name: string; params: Record<string, string>; value: string } | undefined {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '"') quoted = !quoted;
    if (!quoted && (char === ';' || char === ':')) {
      parts.push(current);
      current = '';
      if (char === ':') {
        const [name, ...params] = parts;
        if (!/^[A-Za-z0-9-]+$/.test(name)) return undefined;
        return {
          name: name.toUpperCase(),
          params: Object.fromEntries(
            params.map((param) => {
              const [key, ...value] = param.split('=');
              return [key.trim().toUpperCase(), value.join('=').replace(/"/g, '').trim().toUpperCase()];
            }),
          ),
          value: line.slice(i + 1).trim(),
        };
      }
    } else {
      current += char;
    }
  }
  return undefined;
}

/** A DATE (`20261225`) or the date part of a DATE-TIME (`20261225T090000`, `…Z`); undefined when malformed. */
function parseDate({ params, value }: { params: Record<string, string>; value: string }): ICalDate | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(value);
  if (!match) return undefined;
  const allDay = !match[4];
  if (params['VALUE'] === 'DATE' && !allDay) return undefined;
  if (params['VALUE'] === 'DATE-TIME' && allDay) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return { day: ms, allDay };
}

function eventDates({ start, end }: { start?: ICalDate; end?: ICalDate }): string[] {
  if (!start) return [];
  // DTEND of an all-day event is exclusive; a timed event counts for the date it starts on.
  const days = start.allDay && end?.allDay && end.day > start.day ? Math.round((end.day - start.day) / DAY_MS) : 1;
  if (days > MAX_EVENT_DAYS) return [];
  return Array.from({ length: days }, (_, i) => new Date(start.day + i * DAY_MS).toISOString().slice(0, 10));
}
