import { DEFAULT_FOLLOW_UP_POLICY, type FollowUpPolicy } from './follow-up-targets';
import type { Severity } from './service-request';

/**
 * A working week in an IANA time zone: ranges of local minutes from midnight per ISO weekday (1 = Monday … 7 = Sunday).
 * Local times become instants in that zone day by day, so daylight-saving changes are followed.
 */
export interface BusinessCalendar {
  /** IANA time zone name, e.g. 'Europe/Paris', 'America/New_York' or 'UTC'. */
  timeZone: string;
  /** Keyed by ISO weekday; each range is [startMinute, endMinute) of local time, 0…1440 ([0, 1440] = the whole day). */
  week: Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, Array<[number, number]>>>;
  /** Local dates (YYYY-MM-DD) with no working hours. */
  holidays: string[];
}

export interface EscalationLevel {
  level: number;
  /** Delay after the breach, as a share of the response window (0 = at the breach). */
  afterBreachWindowShare: number;
  audience: string;
}

export interface SlaPolicy {
  version: string;
  /** Break/fix initial-response targets in minutes, counted around the clock for English support. */
  breakFixMinutes: Record<Severity, number>;
  /** Non-break/fix incidents: business days to the initial response. */
  nonBreakFixBusinessDays: number;
  /** The partner's default calendar, for customers without one of their own. */
  calendar: BusinessCalendar;
  /** Customers' own calendars, keyed by customer tenant id or domain (compared case-insensitively); see `calendarFor`. */
  customerCalendars?: Record<string, BusinessCalendar>;
  ladder: EscalationLevel[];
  /** Share of the response window after which a breach warning goes out (0.75: with a quarter left). */
  warningShare: number;
  /** How long a request may wait for the indirect provider to grant Azure access. */
  accessTimeoutMinutes: number;
  /** The targets after Microsoft's first answer; absent on policies tickets carried before them (the defaults apply). */
  followUp?: FollowUpPolicy;
  /** Multiplies every SLA duration (targets, ladder delays, access time-out); 1 in production. */
  timeScale: number;
}

const WORKDAY: Array<[number, number]> = [[9 * 60, 17 * 60]];

export const DEFAULT_SLA_POLICY: SlaPolicy = {
  version: '2026-11-2',
  breakFixMinutes: { A: 120, B: 240, C: 480 },
  nonBreakFixBusinessDays: 1,
  calendar: { timeZone: 'UTC', week: { 1: WORKDAY, 2: WORKDAY, 3: WORKDAY, 4: WORKDAY, 5: WORKDAY }, holidays: [] },
  ladder: [
    { level: 1, afterBreachWindowShare: 0, audience: 'coordinators' },
    { level: 2, afterBreachWindowShare: 0.5, audience: 'duty-manager' },
    { level: 3, afterBreachWindowShare: 1, audience: 'microsoft-account-contact' },
  ],
  warningShare: 0.75,
  accessTimeoutMinutes: 7 * 24 * 60,
  followUp: DEFAULT_FOLLOW_UP_POLICY,
  timeScale: 1,
};

