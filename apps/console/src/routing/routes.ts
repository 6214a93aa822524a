import { partnerQuery, type TicketRef } from '../api/ticket-ref';

export type Route =
  | { page: 'board' }
  | { page: 'new-ticket' }
  | ({ page: 'ticket' } & TicketRef)
  | { page: 'sla' }
  | { page: 'sla-monthly'; customer?: string; month?: string }
  | { page: 'sign-in'; next: string }
  | { page: 'not-found' };

export const SIGN_IN_PATH = '/sign-in';
/** The intake form: its path shadows a ticket whose id is `new`. */
export const NEW_TICKET_PATH = '/tickets/new';
const MONTHLY_REPORT_PATH = '/sla/monthly';

/** The page of an address: `/`, `/tickets/new`, `/tickets/:id[?partnerTenantId=]`, `/sla`, `/sla/monthly[?customer=&month=]`, `/sign-in[?next=]` (the paths the API answers with the console). */
export function routeOf(pathname: string, search = ''): Route {
  const query = new URLSearchParams(search);
  if (pathname === '/') return { page: 'board' };
  if (pathname === '/sla') return { page: 'sla' };
  if (pathname === MONTHLY_REPORT_PATH) {
    const [customer, month] = [query.get('customer') || undefined, query.get('month') || undefined];
    return { page: 'sla-monthly', ...(customer ? { customer } : {}), ...(month ? { month } : {}) };
  }
  if (pathname === SIGN_IN_PATH) return { page: 'sign-in', next: safeReturnPath(query.get('next')) };
  if (pathname === NEW_TICKET_PATH) return { page: 'new-ticket' };
  const ticket = /^\/tickets\/([^/]+)$/.exec(pathname);
  if (ticket) {
    const partnerTenantId = query.get('partnerTenantId') ?? undefined;
    return { page: 'ticket', id: decodeURIComponent(ticket[1]), ...(partnerTenantId ? { partnerTenantId } : {}) };
  }
  return { page: 'not-found' };
}

/** The ticket's page, naming its partner tenant when known (two partners may use the same id). */
export const ticketHref = (ticket: TicketRef): string => `/tickets/${encodeURIComponent(ticket.id)}${partnerQuery(ticket)}`;

/** A customer's monthly SLA report (YYYY-MM), to print. */
export function monthlyReportHref({ customer, month }: { customer?: string; month?: string }): string {
  const query = new URLSearchParams({ ...(customer ? { customer } : {}), ...(month ? { month } : {}) });
  return `${MONTHLY_REPORT_PATH}${query.size > 0 ? `?${query}` : ''}`;
}

/** The sign-in page, which comes back to `returnTo` once signed in (the board needs no saying). */
export function signInHref(returnTo = '/'): string {
  const next = safeReturnPath(returnTo);
  return next === '/' ? SIGN_IN_PATH : `${SIGN_IN_PATH}?${new URLSearchParams({ next })}`;
}

/** Only a path of this console is a place to come back to: never another site (`//evil`, `https:`), nor the sign-in page. */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value === SIGN_IN_PATH || value.startsWith(`${SIGN_IN_PATH}?`) ? '/' : value;
}
