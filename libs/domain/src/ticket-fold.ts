// The ticket as a pure fold over its past-tense events (emmett's evolve): the workflow's state and the read model's
// row both come from here, so they cannot disagree.
import type { ClockPause, FollowUpClock, Ticket, TicketStatus } from './ticket';
import type { TicketEvent } from './ticket-events';

const STATUS_AFTER_ELIGIBILITY: Record<string, TicketStatus> = {
  eligible: 'handing-off',
  'needs-access': 'awaiting-access',
  refused: 'checking-eligibility',
  redirected: 'checking-eligibility',
};

/** What an indirect provider's grant makes of a ticket that waited for Azure access. */
export const ACCESS_GRANTED_REASON = "The indirect provider granted access to the customer's Azure account";

/** Applies one event to the ticket; a ticket's first event must be ServiceRequestReceived. */
export function evolveTicket(ticket: Ticket | undefined, event: TicketEvent): Ticket {
  if (event.type === 'ServiceRequestReceived') {
    const { data } = event;
    return {
      key: data.key ?? data.ticketId,
      id: data.ticketId,
      // Left as it came when it is not text: the read model's row check names what is wrong with it.
      partnerTenantId: lowerCased(data.partner?.tenantId),
      partner: data.partner.name,
      title: data.title,
      product: data.product,
      customer: data.customer.name,
      customerDomain: data.customer.domain,
      status: 'checking-eligibility',
      severity: data.severity,
      policyVersion: data.policyVersion,
      receivedAt: data.receivedAt,
      breached: false,
      escalationLevel: 0,
      escalations: [],
    };
  }
  if (!ticket) throw new Error(`${event.type} before ServiceRequestReceived`);
  switch (event.type) {
    case 'EligibilityDecided':
      return { ...ticket, eligibility: event.data, status: STATUS_AFTER_ELIGIBILITY[event.data.decision] };
    case 'AzureAccessAwaited':
      return { ...ticket, status: 'awaiting-access' };
    case 'AzureAccessGranted':
      return { ...ticket, status: 'handing-off', eligibility: { decision: 'eligible', reason: ACCESS_GRANTED_REASON } };
    case 'HandoffBlocked':
      return ticket.handoffBlocked ? ticket : { ...ticket, handoffBlocked: { reason: event.data.reason, since: event.data.blockedAt } };
    case 'HandedOff': {
      const { handoffBlocked: _unblocked, ...filed } = ticket;
      return { ...filed, handoff: event.data };
    }
    case 'ResponseDueTimeSet':
      return { ...ticket, status: 'awaiting-response', severity: event.data.severity, responseDueAt: event.data.responseDueAt };
    case 'SeverityChanged':
      return { ...ticket, severity: event.data.to, responseDueAt: event.data.responseDueAt };
    case 'BreachWarningRaised':
      return { ...ticket, warnedAt: event.data.warnedAt };
    case 'SlaBreached':
      return { ...ticket, breached: true, breachedAt: event.data.responseDueAt };
    case 'Escalated': {
      const { level, audience, raisedAt } = event.data;
      return { ...ticket, escalationLevel: level, escalations: [...ticket.escalations, { level, audience, at: raisedAt }] };
    }
    case 'MicrosoftResponded':
      return answered(ticket, event.data.respondedAt, event.data.late);
    case 'SlaBreachCorrected': {
      const { breachedAt: _withdrawn, ...corrected } = ticket;
      return { ...corrected, breached: false, escalationLevel: 0, breachCorrectedAt: event.data.correctedAt };
    }
    case 'ServiceRequestClosed': {
      const { outcome, resolution, targetMet, closedAt } = event.data;
      // A round breached and never answered is a miss of its side.
      const { followUp: _ended, ...closed } = ticket.followUp?.breached ? missed(ticket, ticket.followUp.target) : ticket;
      return { ...resolvedAt(closed, closedAt), status: 'closed', outcome, resolution, targetMet, closedAt };
    }
    case 'FollowUpTargetSet': {
      const { target, round, startsAt, dueAt } = event.data;
      // The same round again is re-timed (a severity change): the marks it raised stand.
      const marks = ticket.followUp?.round === round ? ticket.followUp : { breached: false, escalations: [] };
      return { ...ticket, followUp: { ...marks, target, round, startsAt, dueAt } };
    }
    case 'FollowUpWarningRaised':
      return onRound(ticket, event.data.round, (clock) => ({ ...clock, warnedAt: event.data.warnedAt }));
    case 'FollowUpBreached':
      return onRound(ticket, event.data.round, (clock) => ({ ...clock, breached: true }));
    case 'FollowUpEscalated': {
      const { level, audience, raisedAt } = event.data;
      return onRound(ticket, event.data.round, (clock) => ({ ...clock, escalations: [...clock.escalations, { level, audience, at: raisedAt }] }));
    }
    case 'FollowUpAnswered': {
      // A late word is a miss whether or not the timer got there first; one in time withdraws a breach raised before it.
      const { followUp: _answered, ...rest } = ticket;
      return event.data.late ? missed(rest, event.data.target) : rest;
    }
    case 'ResolutionTargetBreached':
      return { ...ticket, resolutionBreached: true };
    case 'MicrosoftClockPaused':
      return ticket.pauses?.some((pause) => !pause.to) ? ticket : { ...ticket, pauses: [...(ticket.pauses ?? []), { from: event.data.pausedAt }] };
    case 'MicrosoftClockResumed':
      return { ...ticket, pauses: (ticket.pauses ?? []).map((pause) => (pause.to ? pause : { ...pause, to: event.data.resumedAt })) };
    case 'MicrosoftStatusChanged':
      return event.data.status === 'closed' && event.data.at ? resolvedAt(ticket, event.data.at) : ticket;
    case 'AzureAccessReminded':
    case 'HandoffRejected': // ServiceRequestClosed follows
    case 'NoteSentToMicrosoft':
    case 'MicrosoftTicketClosed':
    case 'MicrosoftNoteAdded':
    case 'AlertDelivered':
    case 'AlertHeld':
    case 'AlertDeliveryAbandoned':
      return ticket;
  }
}

/** A late answer is a breach whether or not the timer got there first (the worker may have been down at the due time). */
function answered(ticket: Ticket, respondedAt: string, late: boolean): Ticket {
  const next: Ticket = { ...ticket, status: 'responded', respondedAt, targetMet: !late };
  return late && !ticket.breached ? { ...next, breached: true, breachedAt: ticket.responseDueAt } : next;
}

/** Applies `change` to the running follow-up round when it is round `round`. */
function onRound(ticket: Ticket, round: number, change: (clock: FollowUpClock) => FollowUpClock): Ticket {
  return ticket.followUp?.round === round ? { ...ticket, followUp: change(ticket.followUp) } : ticket;
}

/** Counts a follow-up round missed by `target`'s side: answered late, or breached and never answered. */
function missed(ticket: Ticket, target: FollowUpClock['target']): Ticket {
  const breaches = ticket.followUpBreaches ?? {};
  return { ...ticket, followUpBreaches: { ...breaches, [target]: (breaches[target] ?? 0) + 1 } };
}

/** The resolution time of a filed ticket resolved `at` (Microsoft closing its ticket, or our closure, whichever first). */
function resolvedAt(ticket: Ticket, at: string): Ticket {
  if (!ticket.handoff || ticket.resolutionMs !== undefined) return ticket;
  return { ...ticket, resolutionMs: Date.parse(at) - Date.parse(ticket.handoff.filedAt) - pausedMs(ticket.pauses, at) };
}

/** How long Microsoft's clock stood still up to `until` (a pause still running counts up to it). */
export function pausedMs(pauses: readonly ClockPause[] | undefined, until: string): number {
  const end = Date.parse(until);
  return (pauses ?? []).reduce((sum, { from, to }) => sum + Math.max(0, Math.min(to ? Date.parse(to) : end, end) - Date.parse(from)), 0);
}

/** The ticket its events make. */
export function foldTicket(events: readonly TicketEvent[]): Ticket {
  return events.reduce<Ticket | undefined>(evolveTicket, undefined) as Ticket;
}

function lowerCased<T>(value: T): T {
  return (typeof value === 'string' ? value.toLowerCase() : value) as T;
}
