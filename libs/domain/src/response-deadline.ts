import { addBusinessMinutes, businessDayMinutes } from './business-calendar';
import { calendarFor } from './calendar-for';
import type { Customer, ServiceRequest } from './service-request';
import type { SlaPolicy } from './sla-policy';

const MINUTE_MS = 60_000;

/** What the response deadline depends on: the customer picks the business calendar (see `calendarFor`). */
export type DeadlineRequest = Pick<ServiceRequest, 'severity' | 'incidentType' | 'language'> & {
  customer: Pick<Customer, 'tenantId' | 'domain'>;
};

/** True for English in any region (`en`, `EN-gb`, …): the BCP-47 primary language subtag is `en`. */
export function isEnglish(language: string): boolean {
  return language.trim().split(/[-_]/, 1)[0].toLowerCase() === 'en';
}

/**
 * When Microsoft's initial response is due; past it the request is in breach. English break/fix runs around the
 * clock; other languages count the break/fix minutes in the customer's business hours; non-break/fix gets
 * `nonBreakFixBusinessDays` standard business days of that calendar. `timeScale` then scales the whole window.
 */
export function responseDeadline(
  filedAt: Date,
  request: DeadlineRequest,
  policy: SlaPolicy,
): Date {
  const windowMs = unscaledDeadline(filedAt, request, policy).getTime() - filedAt.getTime();
  return new Date(filedAt.getTime() + scaled(windowMs, policy.timeScale));
}

/** When each ladder level fires: its share of the (already scaled) response window after the breach. */
export function escalationSchedule(
  filedAt: Date,
  dueAt: Date,
  policy: SlaPolicy,
): Array<{ level: number; audience: string; at: Date }> {
  const windowMs = dueAt.getTime() - filedAt.getTime();
  return [...policy.ladder]
    .sort((a, b) => a.level - b.level)
    .map(({ level, audience, afterBreachWindowShare }) => ({
      level,
      audience,
      at: new Date(dueAt.getTime() + Math.round(afterBreachWindowShare * windowMs)),
    }));
}

/** How long a request may wait for the indirect provider to grant Azure access. */
export function accessTimeoutMs(policy: SlaPolicy): number {
  return scaled(policy.accessTimeoutMinutes * MINUTE_MS, policy.timeScale);
}

function unscaledDeadline(
  filedAt: Date,
  { severity, incidentType, language, customer }: DeadlineRequest,
  policy: SlaPolicy,
): Date {
  const { breakFixMinutes, nonBreakFixBusinessDays } = policy;
  const calendar = calendarFor(policy, customer);
  if (incidentType === 'non-break-fix') {
    return addBusinessMinutes(calendar, filedAt, nonBreakFixBusinessDays * businessDayMinutes(calendar));
  }
  const minutes = breakFixMinutes[severity];
  // English break/fix support runs around the clock; local-language support only in business hours.
  return isEnglish(language)
    ? new Date(filedAt.getTime() + minutes * MINUTE_MS)
    : addBusinessMinutes(calendar, filedAt, minutes);
}

/** A policy duration as the policy's `timeScale` makes it (1 in production). */
export function scaled(durationMs: number, timeScale: number): number {
  if (!Number.isFinite(timeScale) || timeScale <= 0) {
    throw new RangeError(`The SLA time scale must be a positive number (got ${timeScale})`);
  }
  return Math.round(durationMs * timeScale);
}
