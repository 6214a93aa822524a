import type { BusinessCalendar } from './sla-policy';

type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
type MinuteRange = [number, number];

const ISO_WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** Holidays could still cover every working day; past this many days without working time, give up. */
const MAX_IDLE_DAYS = 366 * 5;

/**
 * The instant `minutes` of working time after `from`, counting only time inside the calendar's working ranges.
 * A start outside working hours begins at the next opening, so 0 minutes yields the next working instant.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, from: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`Business minutes must be a finite, non-negative number (got ${minutes})`);
  }
  if (Number.isNaN(from.getTime())) throw new RangeError('addBusinessMinutes needs a valid start date');
  if (!Number.isFinite(calendar.utcOffsetMinutes)) throw new RangeError('The business calendar needs a finite UTC offset');
  if (!ISO_WEEKDAYS.some((weekday) => workingRanges(calendar, weekday).length > 0)) throw noWorkingTime();

  const offsetMs = calendar.utcOffsetMinutes * MINUTE_MS;
  const holidays = new Set(calendar.holidays);
  let remainingMs = Math.round(minutes * MINUTE_MS);
  // Local time as epoch milliseconds shifted by the fixed offset: the UTC getters then read local fields.
  let cursor = from.getTime() + offsetMs;
  let dayStart = cursor - mod(cursor, DAY_MS);
  for (let idleDays = 0; idleDays < MAX_IDLE_DAYS; dayStart += DAY_MS) {
    const day = new Date(dayStart);
    const ranges = holidays.has(day.toISOString().slice(0, 10)) ? [] : workingRanges(calendar, isoWeekday(day));
    let worked = false;
    for (const [start, end] of ranges) {
      const rangeEnd = dayStart + end * MINUTE_MS;
      if (cursor >= rangeEnd) continue;
      cursor = Math.max(cursor, dayStart + start * MINUTE_MS);
      const availableMs = rangeEnd - cursor;
      if (remainingMs <= availableMs) return new Date(cursor + remainingMs - offsetMs);
      remainingMs -= availableMs;
      cursor = rangeEnd;
      worked = true;
    }
    idleDays = worked ? 0 : idleDays + 1;
  }
  throw new Error(`The business calendar has no working time in ${MAX_IDLE_DAYS} consecutive days (holidays cover it all)`);
}

/** The working minutes of a standard working day: the first ISO weekday that has working ranges. */
export function businessDayMinutes(calendar: BusinessCalendar): number {
  for (const weekday of ISO_WEEKDAYS) {
    const ranges = workingRanges(calendar, weekday);
    if (ranges.length > 0) return ranges.reduce((sum, [start, end]) => sum + end - start, 0);
  }
  throw noWorkingTime();
}

/** Non-empty ranges in start order, so that the walk in addBusinessMinutes never moves backwards. */
function workingRanges(calendar: BusinessCalendar, weekday: IsoWeekday): MinuteRange[] {
  return (calendar.week[weekday] ?? []).filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0]);
}

function isoWeekday(localDay: Date): IsoWeekday {
  return (localDay.getUTCDay() || 7) as IsoWeekday;
}

function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}

function noWorkingTime(): Error {
  return new Error('The business calendar has no working time: every weekday is empty');
}
