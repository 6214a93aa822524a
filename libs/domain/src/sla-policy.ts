import type { Severity } from './service-request';

/** A working week in one fixed UTC offset: ranges of minutes from midnight per ISO weekday (1 = Monday … 7 = Sunday). */
export interface BusinessCalendar {
  utcOffsetMinutes: number;
  /** Keyed by ISO weekday; each range is [startMinute, endMinute) of local time. */
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
  calendar: BusinessCalendar;
  ladder: EscalationLevel[];
  /** Share of the response window after which a breach warning goes out (0.75: with a quarter left). */
  warningShare: number;
  /** How long a request may wait for the indirect provider to grant Azure access. */
  accessTimeoutMinutes: number;
  /** Multiplies every SLA duration (targets, ladder delays, access time-out); 1 in production. */
  timeScale: number;
}

const WORKDAY: Array<[number, number]> = [[9 * 60, 17 * 60]];

export const DEFAULT_SLA_POLICY: SlaPolicy = {
  version: '2026-11-1',
  breakFixMinutes: { A: 120, B: 240, C: 480 },
  nonBreakFixBusinessDays: 1,
  calendar: { utcOffsetMinutes: 0, week: { 1: WORKDAY, 2: WORKDAY, 3: WORKDAY, 4: WORKDAY, 5: WORKDAY }, holidays: [] },
  ladder: [
    { level: 1, afterBreachWindowShare: 0, audience: 'coordinators' },
    { level: 2, afterBreachWindowShare: 0.5, audience: 'duty-manager' },
    { level: 3, afterBreachWindowShare: 1, audience: 'microsoft-account-contact' },
  ],
  warningShare: 0.75,
  accessTimeoutMinutes: 7 * 24 * 60,
  timeScale: 1,
};

