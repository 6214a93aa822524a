// The SLA report's measures (issue 19), from the tickets read model's rows: breach rate, time to first response and to
// resolution (paused time excluded), paused time and follow-up misses, per week, severity, product or customer.
import type { TicketSummary } from './ticket-summary';

export const SLA_GROUPINGS = ['week', 'severity', 'product', 'customer'] as const;
export type SlaGrouping = (typeof SLA_GROUPINGS)[number];

/** Percentiles of a duration, in minutes (two decimals); null without any ticket to measure. */
export interface DurationPercentiles {
  count: number;
  p50: number | null;
  p90: number | null;
}

export interface SlaMeasureGroup {
  /** `2026-11-16` (the week's Monday, UTC), `A`, `azure`, or the customer's domain; `all` for the total. */
  key: string;
  opened: number;
  /** Filed with a response target (the base of the breach rate). */
  withTarget: number;
  breached: number;
  /** breached / withTarget; null when no ticket had a target. */
  breachRate: number | null;
  /** Filing to Microsoft's first answer. */
  firstResponse: DurationPercentiles;
  /** Filing to closure, Microsoft's paused time taken out: closed tickets that were filed. */
  resolution: DurationPercentiles;
  /** Minutes Microsoft's clock stood still (pauses still running count up to the report's end). */
  pausedMinutes: number;
  /** Follow-up rounds missed: Microsoft's next updates, our replies. */
  updateMisses: number;
  replyMisses: number;
}

export interface SlaMeasures {
  groupBy: SlaGrouping;
  groups: SlaMeasureGroup[];
  total: SlaMeasureGroup;
}

/** What the measures read of a row. */
export type MeasuredTicket = Pick<
  TicketSummary,
  | 'openedAt'
  | 'severity'
  | 'product'
  | 'customerDomain'
  | 'responseDueAt'
  | 'breached'
  | 'filedAt'
  | 'respondedAt'
  | 'resolutionMs'
  | 'pausedMs'
  | 'pausedSince'
  | 'updateMisses'
  | 'replyMisses'
>;

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** The tickets' measures per group (groups in key order) and in total; `until` ends the pauses still running. */
export function measureSla(tickets: readonly MeasuredTicket[], groupBy: SlaGrouping, until: string): SlaMeasures {
  const byKey = new Map<string, MeasuredTicket[]>();
  for (const ticket of tickets) {
    const key = groupKey(ticket, groupBy);
    byKey.set(key, [...(byKey.get(key) ?? []), ticket]);
  }
  const groups = [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, members]) => measureGroup(key, members, until));
  return { groupBy, groups, total: measureGroup('all', tickets, until) };
}

function groupKey(ticket: MeasuredTicket, groupBy: SlaGrouping): string {
  switch (groupBy) {
    case 'week':
      return weekOf(ticket.openedAt);
    case 'severity':
      return ticket.severity;
    case 'product':
      return ticket.product;
    case 'customer':
      return ticket.customerDomain;
  }
}

/** The Monday (UTC) of the ISO week the instant falls in. */
export function weekOf(instant: string): string {
  const day = new Date(instant.slice(0, 10) + 'T00:00:00.000Z');
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS).toISOString().slice(0, 10);
}

function measureGroup(key: string, tickets: readonly MeasuredTicket[], until: string): SlaMeasureGroup {
  const withTarget = tickets.filter((ticket) => ticket.responseDueAt !== null).length;
  const breached = tickets.filter((ticket) => ticket.breached).length;
  const firstResponses = tickets.flatMap(({ filedAt, respondedAt }) =>
    filedAt && respondedAt ? [Math.max(0, Date.parse(respondedAt) - Date.parse(filedAt))] : [],
  );
  const resolutions = tickets.flatMap(({ resolutionMs }) => (resolutionMs === null ? [] : [resolutionMs]));
  const pausedMs = tickets.reduce(
    (sum, { pausedMs, pausedSince }) => sum + pausedMs + (pausedSince ? Math.max(0, Date.parse(until) - Date.parse(pausedSince)) : 0),
    0,
  );
  return {
    key,
    opened: tickets.length,
    withTarget,
    breached,
    breachRate: withTarget === 0 ? null : breached / withTarget,
    firstResponse: percentiles(firstResponses),
    resolution: percentiles(resolutions),
    pausedMinutes: inMinutes(pausedMs),
    updateMisses: tickets.reduce((sum, ticket) => sum + ticket.updateMisses, 0),
    replyMisses: tickets.reduce((sum, ticket) => sum + ticket.replyMisses, 0),
  };
}

/** Nearest-rank percentiles of durations in milliseconds, in minutes. */
function percentiles(durationsMs: number[]): DurationPercentiles {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const rank = (p: number) => (sorted.length === 0 ? null : inMinutes(sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]));
  return { count: sorted.length, p50: rank(50), p90: rank(90) };
}

function inMinutes(ms: number): number {
  return Math.round((ms / MINUTE_MS) * 100) / 100;
}
