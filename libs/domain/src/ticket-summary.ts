// The `tickets` read model: a projection of the ticket's fold (`evolveTicket`), kept row by row.
import type { Product, Severity } from './service-request';
import type { FollowUpTarget } from './follow-up-targets';
import type { Handoff, Ticket, TicketOutcome, TicketStatus } from './ticket';
import type { TicketEvent } from './ticket-events';
import { evolveTicket, pausedMs } from './ticket-fold';

export interface TicketSummary {
  /** Unique among all tickets: its stream's key (`<partner tenant>~<id>`, or the bare id of a ticket from before). */
  key: string;
  /** The partner's own id, unique per partner tenant. */
  id: string;
  partnerTenantId: string;
  status: TicketStatus;
  title: string;
  severity: Severity;
  product: Product;
  customer: string;
  customerDomain: string;
  partner: string;
  microsoftTicketId: string | null;
  responseDueAt: string | null;
  /** The breach warning went out: the ticket is about to breach. */
  warned: boolean;
  breached: boolean;
  escalationLevel: number;
  outcome: TicketOutcome | null;
  openedAt: string;
  closedAt: string | null;
  /** What the SLA reports measure: filing at Microsoft, its first answer, the follow-up rounds missed by each side. */
  filedAt: string | null;
  respondedAt: string | null;
  updateMisses: number;
  replyMisses: number;
  /** The follow-up round running: who owes the next word, by when, and whether it breached (a miss if never answered). */
  followUpTarget: FollowUpTarget | null;
  followUpRound: number | null;
  followUpDueAt: string | null;
  followUpBreached: boolean;
  /** Time Microsoft's clock stood still in pauses that ended, and the start of the one still running. */
  pausedMs: number;
  pausedSince: string | null;
  /** Filing to resolution with the paused time taken out (see Ticket). */
  resolutionMs: number | null;
  /** The stream version this summary reflects. */
  version: number;
}

/** The row the read model keeps of a ticket at stream `version`. */
export function ticketSummaryOf(ticket: Ticket, version: number): TicketSummary {
  return {
    key: ticket.key,
    id: ticket.id,
    partnerTenantId: ticket.partnerTenantId,
    status: ticket.status,
    title: ticket.title,
    severity: ticket.severity,
    product: ticket.product,
    customer: ticket.customer,
    customerDomain: ticket.customerDomain,
    partner: ticket.partner,
    microsoftTicketId: ticket.handoff?.microsoftTicketId ?? null,
    responseDueAt: ticket.responseDueAt ?? null,
    warned: ticket.warnedAt !== undefined,
    breached: ticket.breached,
    escalationLevel: ticket.escalationLevel,
    outcome: ticket.outcome ?? null,
    openedAt: ticket.receivedAt,
    closedAt: ticket.closedAt ?? null,
    filedAt: ticket.handoff?.filedAt ?? null,
    respondedAt: ticket.respondedAt ?? null,
    updateMisses: ticket.followUpBreaches?.['microsoft-update'] ?? 0,
    replyMisses: ticket.followUpBreaches?.['partner-reply'] ?? 0,
    followUpTarget: ticket.followUp?.target ?? null,
    followUpRound: ticket.followUp?.round ?? null,
    followUpDueAt: ticket.followUp?.dueAt ?? null,
    followUpBreached: ticket.followUp?.breached ?? false,
    pausedMs: pausedMs(ticket.pauses?.filter((pause) => pause.to), FAR_FUTURE),
    pausedSince: ticket.pauses?.find((pause) => !pause.to)?.from ?? null,
    resolutionMs: ticket.resolutionMs ?? null,
    version,
  };
}

/** Ended pauses are summed whole: they end before any instant a ticket reaches. */
const FAR_FUTURE = '9999-12-31T23:59:59.999Z';
/** The ended pauses of a row, as one span of their total: all that the fold reads of them. */
const EPOCH = '1970-01-01T00:00:00.000Z';

/**
 * The ticket as far as its row knows it. What the row does not keep is left neutral: no field of the row depends on
 * it (the fold's property test checks that the row from the whole fold and the row folded event by event agree).
 */
function ticketFromSummary(summary: TicketSummary): Ticket {
  const known = <T>(value: T | null): T | undefined => value ?? undefined;
  return {
    key: summary.key,
    id: summary.id,
    partnerTenantId: summary.partnerTenantId,
    partner: summary.partner,
    title: summary.title,
    product: summary.product,
    customer: summary.customer,
    customerDomain: summary.customerDomain,
    status: summary.status,
    outcome: known(summary.outcome),
    severity: summary.severity,
    handoff: summary.microsoftTicketId === null ? undefined : ({ microsoftTicketId: summary.microsoftTicketId, filedAt: summary.filedAt } as Handoff),
    policyVersion: '',
    receivedAt: summary.openedAt,
    responseDueAt: known(summary.responseDueAt),
    warnedAt: summary.warned ? '' : undefined,
    breached: summary.breached,
    escalationLevel: summary.escalationLevel,
    escalations: [],
    closedAt: known(summary.closedAt),
    respondedAt: known(summary.respondedAt),
    followUpBreaches: { 'microsoft-update': summary.updateMisses, 'partner-reply': summary.replyMisses },
    followUp:
      summary.followUpTarget === null || summary.followUpRound === null || summary.followUpDueAt === null
        ? undefined
        : { target: summary.followUpTarget, round: summary.followUpRound, startsAt: '', dueAt: summary.followUpDueAt, breached: summary.followUpBreached, escalations: [] },
    pauses: [
      ...(summary.pausedMs > 0 ? [{ from: EPOCH, to: new Date(summary.pausedMs).toISOString() }] : []),
      ...(summary.pausedSince ? [{ from: summary.pausedSince }] : []),
    ],
    resolutionMs: known(summary.resolutionMs),
  };
}

/** Applies one event (at stream `version`) to the row: `evolveTicket`, projected. */
export function evolveTicketSummary(summary: TicketSummary | undefined, event: TicketEvent, version: number): TicketSummary {
  return ticketSummaryOf(evolveTicket(summary && ticketFromSummary(summary), event), version);
}
