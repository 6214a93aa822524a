import { DateTime, FixedOffsetZone, IANAZone, type Zone } from 'luxon';
import type { BusinessCalendar } from './sla-policy';

type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
type MinuteRange = [number, number];
type WorkingWeek = Record<IsoWeekday, MinuteRange[]>;

const ISO_WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];
const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;
/** Holidays could still cover every working day; past this many days without working time, give up. */
const MAX_IDLE_DAYS = 366 * 5;

/** True for a time zone name that the IANA database knows, e.g. 'Europe/Paris' or 'UTC'. */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  return typeof timeZone === 'string' && timeZone.trim() !== '' && IANAZone.isValidZone(timeZone);
}

/**
 * The instant `minutes` of working time after `from`, counting only time inside the calendar's working ranges.
 * Each local range becomes real instants on its own local day in the calendar's time zone, so a range that
 * crosses a daylight-saving change counts the time that really elapses, and holidays have no working time.
 * A start outside working hours begins at the next opening, so 0 minutes yields the next working instant.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, from: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`Business minutes must be a finite, non-negative number (got ${minutes})`);
  }
  if (Number.isNaN(from.getTime())) throw new RangeError('addBusinessMinutes needs a valid start date');
  const zone = zoneOf(calendar);
  const week = workingWeek(calendar);

  const holidays = new Set(calendar.holidays);
  let remainingMs = Math.round(minutes * MINUTE_MS);
  let cursor = from.getTime();
  // Local calendar dates are kept as UTC midnights: pure dates, with no zone arithmetic on them.
  const local = DateTime.fromMillis(cursor, { zone });
  let date = DateTime.utc(local.year, local.month, local.day);
  for (let idleDays = 0; idleDays < MAX_IDLE_DAYS; date = date.plus({ days: 1 })) {
    const ranges = holidays.has(date.toISODate() as string) ? [] : week[date.weekday as IsoWeekday];
    let worked = false;
    for (const [start, end] of ranges) {
      const rangeStart = localInstant(date, start, zone, 'earliest');
      const rangeEnd = localInstant(date, end, zone, 'latest');
      if (cursor >= rangeEnd || rangeEnd <= rangeStart) continue;
      cursor = Math.max(cursor, rangeStart);
      const availableMs = rangeEnd - cursor;
      if (remainingMs <= availableMs) return new Date(cursor + remainingMs);
      remainingMs -= availableMs;
      cursor = rangeEnd;
      worked = true;
    }
    idleDays = worked ? 0 : idleDays + 1;
  }
  throw new Error(`The business calendar has no working time in ${MAX_IDLE_DAYS} consecutive days (holidays cover it all)`);
}

/** The working minutes of a standard working day (local clock time): the first ISO weekday that has working ranges. */
export function businessDayMinutes(calendar: BusinessCalendar): number {
  zoneOf(calendar);
  const week = workingWeek(calendar);
  const weekday = ISO_WEEKDAYS.find((day) => week[day].length > 0) as IsoWeekday;
  return week[weekday].reduce((sum, [start, end]) => sum + end - start, 0);
}

/**
 * The calendar's zone. A calendar without `timeZone` but with the former numeric `utcOffsetMinutes` still
 * works, in that fixed offset: policies are kept in the history of tickets opened before time zones existed.
 */
function zoneOf(calendar: BusinessCalendar): Zone {
  const { timeZone } = calendar;
  const legacyOffset = (calendar as { utcOffsetMinutes?: unknown }).utcOffsetMinutes;
  if (timeZone === undefined && typeof legacyOffset === 'number' && Number.isFinite(legacyOffset)) {
    return FixedOffsetZone.instance(legacyOffset);
  }
  if (!isValidTimeZone(timeZone)) {
    throw new RangeError(
      `The business calendar's time zone ${JSON.stringify(timeZone)} is not a known IANA time zone (e.g. 'Europe/Paris', 'UTC')`,
    );
  }
  return IANAZone.create(timeZone);
}

/** Per ISO weekday, the valid ranges merged and in start order, so that the walk never moves backwards. */
function workingWeek(calendar: BusinessCalendar): WorkingWeek {
  const week = {} as WorkingWeek;
  for (const weekday of ISO_WEEKDAYS) {
    const merged: MinuteRange[] = [];
    const ranges = [...(calendar.week?.[weekday] ?? [])].sort((a, b) => a[0] - b[0]);
    for (const [start, end] of ranges) {
      if (![start, end].every((minute) => minute >= 0 && minute <= DAY_MINUTES)) {
        throw new RangeError(`Business calendar range [${start}, ${end}] on ISO weekday ${weekday} is outside 0…${DAY_MINUTES}`);
      }
      if (end <= start) continue;
      const last = merged[merged.length - 1];
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    week[weekday] = merged;
  }
  if (!ISO_WEEKDAYS.some((weekday) => week[weekday].length > 0)) {
    throw new Error('The business calendar has no working time: every weekday is empty');
  }
  return week;
}

/**
 * The instant of the local time `minute` (from midnight; 1440 is the next day's midnight) on `date` in `zone`.
 * A time that a spring-forward skips is moved forward by the length of the gap (02:30 → 03:30), as luxon and
 * RFC 5545 do; a time that a fall-back repeats has two instants: a range starts at the earliest and ends at the
 * latest, so its whole real duration counts.
 */
function localInstant(date: DateTime, minute: number, zone: Zone, pick: 'earliest' | 'latest'): number {
  const day = minute >= DAY_MINUTES ? date.plus({ days: 1 }) : date;
  const ms = Math.round((minute >= DAY_MINUTES ? 0 : minute) * MINUTE_MS);
  const local = DateTime.fromObject(
    {
      year: day.year,
      month: day.month,
      day: day.day,
      hour: Math.floor(ms / 3_600_000),
      minute: Math.floor(ms / MINUTE_MS) % 60,
      second: Math.floor(ms / 1000) % 60,
      millisecond: ms % 1000,
    },
    { zone },
  );
  if (!local.isValid) throw new RangeError(`Cannot place local time ${minute} min on ${date.toISODate()}: ${local.invalidReason}`);
  const instants = local.getPossibleOffsets().map((candidate) => candidate.toMillis());
  if (instants.length === 0) return local.toMillis();
  return pick === 'earliest' ? Math.min(...instants) : Math.max(...instants);
}
