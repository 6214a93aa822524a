// After Microsoft's first answer (issue 19): who owes the next word, and by when. Microsoft owes an update after each of
// its notes or status changes; while it waits for information from us (`attention_needed`) its clock pauses and ours
// runs, until our note reaches its ticket.
import { addBusinessMinutes, businessDayMinutes } from './business-calendar';
import { calendarFor } from './calendar-for';
import { scaled, type DeadlineRequest } from './response-deadline';
import type { Severity } from './service-request';
import type { Ticket } from './ticket';
import { pausedMs } from './ticket-fold';
import type { SlaPolicy } from './sla-policy';

/** `microsoft-update`: Microsoft's next update is due; `partner-reply`: Microsoft asked us for information. */
export const FOLLOW_UP_TARGETS = ['microsoft-update', 'partner-reply'] as const;
export type FollowUpTarget = (typeof FOLLOW_UP_TARGETS)[number];

/** A target's length: minutes around the clock, business minutes or business days of the customer's calendar. */
export type TargetSpan = { minutes: number } | { businessMinutes: number } | { businessDays: number };

export interface FollowUpPolicy {
  /** Microsoft's next update, counted from each of its notes or status changes (and from our reply to its question). */
  microsoftUpdate: Record<Severity, TargetSpan>;
  /** Our reply once Microsoft set its ticket to `attention_needed`. */
  partnerReply: Record<Severity, TargetSpan>;
  /** Optional: the resolution, from the filing, Microsoft's paused time excluded; none by default. */
  resolution?: Partial<Record<Severity, TargetSpan>>;
}

export const DEFAULT_FOLLOW_UP_POLICY: FollowUpPolicy = {
  microsoftUpdate: { A: { minutes: 4 * 60 }, B: { businessDays: 1 }, C: { businessDays: 3 } },
  partnerReply: { A: { minutes: 60 }, B: { businessMinutes: 4 * 60 }, C: { businessDays: 1 } },
};

const MINUTE_MS = 60_000;

/** The span of `target` for the request's severity, under `policy.followUp` (the default targets when it has none). */
export function followUpSpan(target: FollowUpTarget, severity: Severity, policy: Pick<SlaPolicy, 'followUp'>): TargetSpan {
  const targets = policy.followUp ?? DEFAULT_FOLLOW_UP_POLICY;
  return (target === 'microsoft-update' ? targets.microsoftUpdate : targets.partnerReply)[severity];
}

/** When `target`, started at `startsAt`, is due: its span on the customer's calendar, scaled by `timeScale`. */
export function followUpDeadline(
  startsAt: Date,
  target: FollowUpTarget,
  request: Pick<DeadlineRequest, 'severity' | 'customer'>,
  policy: SlaPolicy,
): Date {
  return spanEnd(startsAt, followUpSpan(target, request.severity, policy), request, policy);
}

/**
 * When the filed ticket must be resolved under the policy's optional resolution target for its severity: from its filing,
 * moved on by the time Microsoft's clock stood still. Undefined without a target, once resolved or breached, and while
 * Microsoft's clock is paused (the target stands still with it).
 */
export function resolutionDueAt(ticket: Ticket, request: Pick<DeadlineRequest, 'customer'>, policy: SlaPolicy): Date | undefined {
  const span = policy.followUp?.resolution?.[ticket.severity];
  const { handoff, pauses = [] } = ticket;
  if (!span || !handoff || ticket.resolutionBreached || ticket.resolutionMs !== undefined || pauses.some((pause) => !pause.to)) return undefined;
  const lastResumed = pauses.at(-1)?.to ?? handoff.filedAt;
  return spanEnd(new Date(Date.parse(handoff.filedAt) + pausedMs(pauses, lastResumed)), span, request, policy);
}

function spanEnd(startsAt: Date, span: TargetSpan, request: Pick<DeadlineRequest, 'customer'>, policy: SlaPolicy): Date {
  const calendar = calendarFor(policy, request.customer);
  const end =
    'minutes' in span
      ? new Date(startsAt.getTime() + span.minutes * MINUTE_MS)
      : addBusinessMinutes(calendar, startsAt, 'businessMinutes' in span ? span.businessMinutes : span.businessDays * businessDayMinutes(calendar));
  return new Date(startsAt.getTime() + scaled(end.getTime() - startsAt.getTime(), policy.timeScale));
}

/** Who owes the next word on a ticket Microsoft has answered, by the status Microsoft gave it: nobody once it closed it. */
export function followUpTargetAfter(microsoftStatus: string): FollowUpTarget | undefined {
  if (microsoftStatus === 'closed') return undefined;
  return microsoftStatus === 'attention_needed' ? 'partner-reply' : 'microsoft-update';
}
