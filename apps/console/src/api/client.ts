import type {
  AlertDeliveryView,
  ClosedTicket,
  EligibilityPreview,
  Items,
  NoteSentTicket,
  OpenedTicket,
  ResponseRecordedTicket,
  SeverityChangedTicket,
  SignedIn,
  SignInConfig,
  SlaGrouping,
  SlaReport,
  TicketListPage,
  TicketView,
  Timeline,
} from '@escalade/contract';
import type { ServiceRequest, Severity, TicketStatus } from '@escalade/domain';
import { navigate } from '../routing/navigation';
import { SIGN_IN_PATH, signInHref } from '../routing/routes';
import { apiErrorFrom } from './api-error';
import { partnerQuery, type TicketRef } from './ticket-ref';

type Method = 'GET' | 'POST' | 'DELETE';

/** A 401 means the session ended (or never began): the sign-in page takes over, and comes back here after. */
function signInAgain(): void {
  if (location.pathname !== SIGN_IN_PATH) navigate(signInHref(location.pathname + location.search), { replace: true });
}

/** A call with the session cookie (same origin: the API serves the console). */
async function request<T>(path: string, init?: { method: Method; body?: object; headers?: Record<string, string> }): Promise<T> {
  const response = await fetch(path, {
    method: init?.method ?? 'GET',
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      ...(init?.body ? { 'content-type': 'application/json' } : {}),
      ...init?.headers,
    },
    body: init?.body && JSON.stringify(init.body),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 401) signInAgain();
  if (!response.ok) throw apiErrorFrom(response.status, body);
  return body as T;
}

const post = <T>(path: string, body: object) => request<T>(path, { method: 'POST', body });

/** A period's SLA report: tickets opened in [from, to), measured per `groupBy`, of one customer (its domain) when given. */
export interface SlaReportQuery {
  from: string;
  to: string;
  groupBy: SlaGrouping;
  customer?: string;
}

const slaReportParams = ({ customer, ...query }: SlaReportQuery) => new URLSearchParams({ ...query, ...(customer ? { customer } : {}) });

/** A path under the ticket's, with its partner tenant in the query when known. */
const ticketPath = (ticket: TicketRef, under = '') => `/service-requests/${encodeURIComponent(ticket.id)}${under}${partnerQuery(ticket)}`;

export const api = {
  signInConfig: (): Promise<SignInConfig> => request('/auth/config'),
  /** Checks the credential and keeps it in the http-only session cookie. */
  startSession: (credential: string): Promise<SignedIn> => post('/auth/session', { credential }),
  endSession: (): Promise<void> => request('/auth/session', { method: 'DELETE' }),
  whoAmI: (): Promise<SignedIn> => request('/auth/me'),

  tickets(query: { status: readonly TicketStatus[]; limit: number; cursor?: string }): Promise<TicketListPage> {
    const params = new URLSearchParams({ status: query.status.join(','), limit: String(query.limit) });
    if (query.cursor) params.set('cursor', query.cursor);
    return request(`/service-requests?${params}`);
  },
  ticket: (ticket: TicketRef): Promise<TicketView> => request(ticketPath(ticket)),
  timeline: (ticket: TicketRef): Promise<Timeline> => request(ticketPath(ticket, '/timeline')),
  timelineStreamPath: (ticket: TicketRef): string => ticketPath(ticket, '/timeline/stream'),
  /** The deliveries about a ticket id, of every partner tenant of the caller's that uses it (see deliveriesOf). */
  alertDeliveries: (ticketId: string): Promise<Items<AlertDeliveryView>> =>
    request(`/alerts?${new URLSearchParams({ ticketId, limit: '200' })}`),
  slaReport: (query: SlaReportQuery): Promise<SlaReport> => request(`/reports/sla?${slaReportParams(query)}`),
  /** The report's measures as CSV (`Accept: text/csv`), to save. */
  async slaReportCsv(query: SlaReportQuery): Promise<Blob> {
    const response = await fetch(`/reports/sla?${slaReportParams(query)}`, { credentials: 'same-origin', headers: { accept: 'text/csv' } });
    if (response.status === 401) signInAgain();
    if (!response.ok) throw apiErrorFrom(response.status, await response.json().catch(() => undefined));
    return response.blob();
  },

  /** What the workflow would decide for the request (a dry run: nothing is opened). */
  checkEligibility: (serviceRequest: ServiceRequest): Promise<EligibilityPreview> => post('/eligibility/check', serviceRequest),
  /** Opens the ticket; the same key again (a double submit, a retry) answers the ticket it opened, never a second one. */
  openTicket: (serviceRequest: ServiceRequest, idempotencyKey: string): Promise<OpenedTicket> =>
    request('/service-requests', { method: 'POST', body: serviceRequest, headers: { 'idempotency-key': idempotencyKey } }),

  recordMicrosoftResponse: (ticket: TicketRef, body: { note?: string; respondedBy?: string }) =>
    post<ResponseRecordedTicket>(ticketPath(ticket, '/microsoft-response'), body),
  changeSeverity: (ticket: TicketRef, body: { severity: Severity; reason: string; changedBy?: string }) =>
    post<SeverityChangedTicket>(ticketPath(ticket, '/severity'), body),
  sendNote: (ticket: TicketRef, body: { text: string; sentBy?: string }) => post<NoteSentTicket>(ticketPath(ticket, '/notes'), body),
  close: (ticket: TicketRef, body: { resolution: string; closedBy?: string }) => post<ClosedTicket>(ticketPath(ticket, '/close'), body),
};
