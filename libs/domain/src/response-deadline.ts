import { addBusinessMinutes, businessDayMinutes } from './business-calendar';
import type { ServiceRequest } from './service-request';
import type { SlaPolicy } from './sla-policy';

const MINUTE_MS = 60_000;

/** True for English in any region (`en`, `EN-gb`, …): the BCP-47 primary language subtag is `en`. */
export function isEnglish(language: string): boolean {
  return language.trim().split(/[-_]/, 1)[0].toLowerCase() === 'en';
}

/** When Microsoft's initial response is due; past it the request is in breach. */
export function responseDeadline(
  filedAt: Date,
  request: Pick<ServiceRequest, 'severity' | 'incidentType' | 'language'>,
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
  { severity, incidentType, language }: Pick<ServiceRequest, 'severity' | 'incidentType' | 'language'>,
  { breakFixMinutes, nonBreakFixBusinessDays, calendar }: SlaPolicy,
): Date {
  if (incidentType === 'non-break-fix') {
    return addBusinessMinutes(calendar, filedAt, nonBreakFixBusinessDays * businessDayMinutes(calendar));
  }
  const minutes = breakFixMinutes[severity];
  // English break/fix support runs around the clock; local-language support only in business hours.
  return isEnglish(language)
    ? new Date(filedAt.getTime() + minutes * MINUTE_MS)
    : addBusinessMinutes(calendar, filedAt, minutes);
}

function scaled(durationMs: number, timeScale: number): number {
  if (!Number.isFinite(timeScale) || timeScale <= 0) {
    throw new RangeError(`The SLA time scale must be a positive number (got ${timeScale})`);
  }
  return Math.round(durationMs * timeScale);
}
