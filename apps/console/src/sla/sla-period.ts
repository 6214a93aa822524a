// The period of the SLA summary: whole local days, as the date inputs show them, sent as instants.

export interface Period {
  /** YYYY-MM-DD, local, included. */
  from: string;
  /** YYYY-MM-DD, local, included. */
  to: string;
}

const pad = (value: number) => String(value).padStart(2, '0');
const localDate = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

function startOfDay(day: string, plusDays = 0): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays) : undefined;
}

/** The last `days` days up to today, today included. */
export function lastDays(days: number, now: Date): Period {
  return { from: localDate(new Date(now.getFullYear(), now.getMonth(), now.getDate() - (days - 1))), to: localDate(now) };
}

/** The instants the API counts between: [start of `from`, start of the day after `to`); undefined unless `from` ≤ `to`. */
export function periodRange({ from, to }: Period): { from: string; to: string } | undefined {
  const [start, end] = [startOfDay(from), startOfDay(to, 1)];
  if (!start || !end || start >= end) return undefined;
  return { from: start.toISOString(), to: end.toISOString() };
}

/** Met as a share of the tickets whose target is decided (met or breached): "67 %", or "—" before any is. */
export function onTimeShare({ met, breached }: { met: number; breached: number }): string {
  return met + breached === 0 ? '—' : `${Math.round((100 * met) / (met + breached))} %`;
}

/** A calendar month, local, as `<input type="month">` gives it (YYYY-MM): [its first day, the next month's); undefined if not one. */
export function monthRange(month: string): { from: string; to: string } | undefined {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) return undefined;
  const [year, index] = [Number(match[1]), Number(match[2]) - 1];
  return { from: new Date(year, index, 1).toISOString(), to: new Date(year, index + 1, 1).toISOString() };
}

/** The month before `now`'s (YYYY-MM): the one a monthly report is usually about. */
export function lastMonth(now: Date): string {
  const month = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${month.getFullYear()}-${pad(month.getMonth() + 1)}`;
}
