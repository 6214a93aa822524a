import type { Severity, TicketStatus } from '@escalade/domain';
import { apiErrorFrom } from './api-error';
import type { AlertDelivery, SlaSummary, TicketPage, TicketView, Timeline } from './types';

async function request<T>(path: string, init?: { method: 'POST'; body: object }): Promise<T> {
  const response = await fetch(path, {
    method: init?.method ?? 'GET',
    headers: init ? { accept: 'application/json', 'content-type': 'application/json' } : { accept: 'application/json' },
    body: init && JSON.stringify(init.body),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw apiErrorFrom(response.status, body);
  return body as T;
}

const ticketPath = (id: string) => `/service-requests/${encodeURIComponent(id)}`;

export const api = {
  tickets(query: { status: readonly TicketStatus[]; limit: number; cursor?: string }): Promise<TicketPage> {
    const params = new URLSearchParams({ status: query.status.join(','), limit: String(query.limit) });
    if (query.cursor) params.set('cursor', query.cursor);
    return request(`/service-requests?${params}`);
  },
  ticket: (id: string): Promise<TicketView> => request(ticketPath(id)),
  timeline: (id: string): Promise<Timeline> => request(`${ticketPath(id)}/timeline`),
  timelineStreamPath: (id: string): string => `${ticketPath(id)}/timeline/stream`,
  alertDeliveries: (ticketId: string): Promise<{ items: AlertDelivery[] }> =>
    request(`/alerts?${new URLSearchParams({ ticketId, limit: '200' })}`),
  slaSummary: (from: string, to: string): Promise<SlaSummary> => request(`/reports/sla?${new URLSearchParams({ from, to })}`),

  recordMicrosoftResponse: (id: string, body: { note?: string; respondedBy?: string }) =>
    request(`${ticketPath(id)}/microsoft-response`, { method: 'POST', body }),
  changeSeverity: (id: string, body: { severity: Severity; reason: string; changedBy: string }) =>
    request(`${ticketPath(id)}/severity`, { method: 'POST', body }),
  close: (id: string, body: { resolution: string; closedBy?: string }) => request(`${ticketPath(id)}/close`, { method: 'POST', body }),
};
