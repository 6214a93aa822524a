import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import {
  businessDayMinutes,
  type BusinessCalendar,
  DEFAULT_FOLLOW_UP_POLICY,
  DEFAULT_SLA_POLICY,
  isValidTimeZone,
  parseICalHolidays,
  type SlaPolicy,
} from '@escalade/domain';
import { ConfigError } from './app-config';

const minutes = z.number().positive();
const ranges = z.array(z.tuple([z.number().int().min(0).max(1440), z.number().int().min(0).max(1440)]));

/**
 * A calendar override. `timeZone` is an IANA name; `holidaysIcsFile` is an iCalendar file (a path, relative
 * to the policy file) whose all-day events are added to `holidays`. Fields left out are inherited; holidays are
 * inherited only when the calendar names neither `holidays` nor `holidaysIcsFile`.
 */
const calendarSchema = z
  .object({
    timeZone: z
      .string()
      .refine(isValidTimeZone, (zone) => ({ message: `unknown IANA time zone ${JSON.stringify(zone)} (e.g. "Europe/Paris", "UTC")` })),
    week: z.record(z.enum(['1', '2', '3', '4', '5', '6', '7']), ranges),
    holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')),
    holidaysIcsFile: z.string().min(1),
    utcOffsetMinutes: z.unknown().refine(() => false, {
      message: 'is no longer supported: give the IANA timeZone instead (e.g. "Europe/Paris"), which follows daylight saving',
    }),
  })
  .partial()
  .strict();
type CalendarOverride = z.infer<typeof calendarSchema>;

/** A follow-up target's length: `{ "minutes": 240 }` around the clock, `{ "businessMinutes": 240 }` or `{ "businessDays": 1 }`. */
const spanSchema = z.union([z.object({ minutes }).strict(), z.object({ businessMinutes: minutes }).strict(), z.object({ businessDays: minutes }).strict()], {
  errorMap: () => ({ message: 'must be one of {"minutes": n}, {"businessMinutes": n}, {"businessDays": n} with n > 0' }),
});
const spansSchema = z.object({ A: spanSchema, B: spanSchema, C: spanSchema }).partial().strict();

/** What SLA_POLICY_FILE may override; anything left out keeps the default. */
const policyOverrideSchema = z
  .object({
    version: z.string().min(1),
    breakFixMinutes: z.object({ A: minutes, B: minutes, C: minutes }).partial(),
    nonBreakFixBusinessDays: z.number().positive(),
    /** The partner's default calendar, over the built-in one. */
    calendar: calendarSchema,
    /** Calendars per customer tenant id or domain, each over the partner's (resulting) default calendar. */
    customerCalendars: z.record(z.string().trim().min(1), calendarSchema),
    ladder: z
      .array(
        z.object({
          level: z.number().int().positive(),
          afterBreachWindowShare: z.number().min(0),
          audience: z.string().min(1),
        }),
      )
      .min(1),
    accessTimeoutMinutes: minutes,
    warningShare: z.number().gt(0).lt(1),
    /** Targets after Microsoft's first answer, per severity: Microsoft's next update, our reply to its questions, the resolution (optional). */
    followUp: z.object({ microsoftUpdate: spansSchema, partnerReply: spansSchema, resolution: spansSchema }).partial().strict(),
  })
  .partial()
  .strict();

/** The default policy, overridden by SLA_POLICY_FILE when given, scaled by SLA_TIME_SCALE. */
export function loadSlaPolicy(settings: { SLA_POLICY_FILE?: string; SLA_TIME_SCALE: number }): SlaPolicy {
  const policy: SlaPolicy = { ...DEFAULT_SLA_POLICY, timeScale: settings.SLA_TIME_SCALE };
  if (!settings.SLA_POLICY_FILE) return policy;
  const file = settings.SLA_POLICY_FILE;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError([`SLA_POLICY_FILE=${file}: ${(err as Error).message}`]);
  }
  const parsed = policyOverrideSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `SLA_POLICY_FILE=${file}: ${jsonPath(i.path)}: ${i.message}`));
  }
  const { breakFixMinutes, calendar, customerCalendars, followUp, ...rest } = parsed.data;
  const problems: string[] = [];
  const resolve = (base: BusinessCalendar, override: CalendarOverride | undefined, at: Array<string | number>) =>
    resolveCalendar(base, override, { file, at, problems });
  const defaultCalendar = resolve(policy.calendar, calendar, ['calendar']);
  const byCustomer = customerCalendars
    ? Object.fromEntries(
        Object.entries(customerCalendars).map(([customer, override]) => [
          customer,
          resolve(defaultCalendar, override, ['customerCalendars', customer]),
        ]),
      )
    : undefined;
  if (byCustomer) problems.push(...duplicateCustomers(Object.keys(byCustomer), file));
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...policy,
    ...rest,
    breakFixMinutes: { ...policy.breakFixMinutes, ...breakFixMinutes },
    followUp: {
      microsoftUpdate: { ...DEFAULT_FOLLOW_UP_POLICY.microsoftUpdate, ...followUp?.microsoftUpdate },
      partnerReply: { ...DEFAULT_FOLLOW_UP_POLICY.partnerReply, ...followUp?.partnerReply },
      ...(followUp?.resolution ? { resolution: followUp.resolution } : {}),
    },
    calendar: defaultCalendar,
    ...(byCustomer ? { customerCalendars: byCustomer } : {}),
  };
}

/** The override over its base calendar, with the holidays of its iCalendar file; problems are collected. */
function resolveCalendar(
  base: BusinessCalendar,
  override: CalendarOverride | undefined,
  { file, at, problems }: { file: string; at: Array<string | number>; problems: string[] },
): BusinessCalendar {
  if (!override) return base;
  const { holidaysIcsFile, holidays, week, timeZone } = override;
  const ownHolidays = holidays !== undefined || holidaysIcsFile !== undefined;
  const calendar: BusinessCalendar = {
    timeZone: timeZone ?? base.timeZone,
    week: (week as BusinessCalendar['week'] | undefined) ?? base.week,
    holidays: ownHolidays ? [...(holidays ?? [])] : base.holidays,
  };
  if (holidaysIcsFile !== undefined) {
    const icsPath = path.resolve(path.dirname(file), holidaysIcsFile);
    const where = `SLA_POLICY_FILE=${file}: ${jsonPath([...at, 'holidaysIcsFile'])}`;
    try {
      const ics = fs.readFileSync(icsPath, 'utf8');
      if (!/^\uFEFF?BEGIN:VCALENDAR\s*$/im.test(ics)) problems.push(`${where}: ${icsPath} is not an iCalendar file (no BEGIN:VCALENDAR)`);
      calendar.holidays = [...new Set([...calendar.holidays, ...parseICalHolidays(ics)])].sort();
    } catch (err) {
      problems.push(`${where}: cannot read ${icsPath}: ${(err as Error).message}`);
    }
  }
  try {
    businessDayMinutes(calendar);
  } catch (err) {
    problems.push(`SLA_POLICY_FILE=${file}: ${jsonPath(at)}: ${(err as Error).message}`);
  }
  return calendar;
}

/** Tenant ids and domains are matched case-insensitively, so two keys differing only in case are ambiguous. */
function duplicateCustomers(keys: string[], file: string): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const key of keys) {
    const normalised = key.trim().toLowerCase();
    const first = seen.get(normalised);
    if (first !== undefined) {
      problems.push(`SLA_POLICY_FILE=${file}: ${jsonPath(['customerCalendars', key])}: same customer as ${JSON.stringify(first)}`);
    } else {
      seen.set(normalised, key);
    }
  }
  return problems;
}

/** `calendar.timeZone`, `ladder.0.level`, `customerCalendars["contoso.com"].timeZone`. */
function jsonPath(segments: ReadonlyArray<string | number>): string {
  if (segments.length === 0) return '(root)';
  return segments
    .map((segment, i) =>
      typeof segment === 'number' || /^[A-Za-z_$][\w$]*$/.test(segment) || /^\d+$/.test(segment)
        ? `${i === 0 ? '' : '.'}${segment}`
        : `[${JSON.stringify(segment)}]`,
    )
    .join('');
}
