// What the board shows of its tickets: filtered, sorted by time left, and how urgent each one is.
import { type Severity, type TicketStatus, type TicketSummary } from '@escalade/domain';

export interface BoardFilters {
  severity: Severity | '';
  status: TicketStatus | '';
  breachedOnly: boolean;
  /** Part of the customer's name or domain, any case. */
  customer: string;
}

export const NO_FILTERS: BoardFilters = { severity: '', status: '', breachedOnly: false, customer: '' };

export type SortDirection = 'ascending' | 'descending';

/** `at-risk`: the breach warning went out (by default with a quarter of the window left). */
export type Urgency = 'breached' | 'at-risk' | 'on-track' | 'none';

export function urgencyOf(ticket: TicketSummary, now: number): Urgency {
  if (ticket.breached) return 'breached';
  if (ticket.status !== 'awaiting-response' || !ticket.responseDueAt) return 'none';
  if (Date.parse(ticket.responseDueAt) <= now) return 'breached';
  return ticket.warned ? 'at-risk' : 'on-track';
}

function matches(ticket: TicketSummary, filters: BoardFilters): boolean {
  const customer = filters.customer.trim().toLowerCase();
  return (
    ticket.status !== 'closed' &&
    (!filters.severity || ticket.severity === filters.severity) &&
    (!filters.status || ticket.status === filters.status) &&
    (!filters.breachedOnly || ticket.breached) &&
    (!customer || `${ticket.customer} ${ticket.customerDomain}`.toLowerCase().includes(customer))
  );
}

/** Only a ticket waiting for Microsoft's response has time left; the others come last, newest first. */
function timeLeftKey(ticket: TicketSummary): number | undefined {
  return ticket.status === 'awaiting-response' && ticket.responseDueAt ? Date.parse(ticket.responseDueAt) : undefined;
}

/** The open tickets that pass the filters, by time left (the least first when ascending). */
export function visibleTickets(tickets: readonly TicketSummary[], filters: BoardFilters, direction: SortDirection): TicketSummary[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return tickets
    .filter((ticket) => matches(ticket, filters))
    .sort((a, b) => {
      const [left, right] = [timeLeftKey(a), timeLeftKey(b)];
      if (left !== undefined && right !== undefined && left !== right) return sign * (left - right);
      if (left !== right) return left === undefined ? 1 : -1;
      return b.openedAt.localeCompare(a.openedAt);
    });
}
