import type { Severity } from '@escalade/domain';
import { aServiceRequest } from '@escalade/domain/testing';
import type { TicketRow } from '@escalade/persistence';
import type { AlertDeliveryView, TicketListPage, TicketView, TimelineEntry } from '@escalade/contract';
import { HttpError, JsonHttp } from './json-http';
import { eventually } from './timing';

export type { AlertDeliveryView, TicketRow, TicketView, TimelineEntry };

const OPEN_TIMEOUT_MS = 120_000;

/** Escalade's HTTP API, as a coordinator or another system calls it. */
export class EscaladeApi {
  private client: JsonHttp;

  constructor(private readonly baseUrl: string) {
    this.client = new JsonHttp(baseUrl);
  }

  /** Without a credential until `authenticateWith`: enough for the health checks. */
  get http(): JsonHttp {
    return this.client;
  }

  /** Every later request carries `credential` (Authorization: Bearer). */
  authenticateWith(credential: string): void {
    this.client = new JsonHttp(this.baseUrl, { authorization: `Bearer ${credential}` });
  }

  /**
   * Opens a severity-`severity` ticket for its own customer tenant (so Microsoft's filings of it can be counted);
   * repeated while the API or Temporal is down, as a client with an idempotency key would.
   */
  async open(id: string, severity: Severity, customerTenantId: string): Promise<void> {
    const body = { ...aServiceRequest({ severity, customer: { tenantId: customerTenantId } }), requestId: id };
    await eventually(
      `opening ${id}`,
      async () => {
        await this.http.ok('POST', '/service-requests', body);
        return true;
      },
      { timeoutMs: OPEN_TIMEOUT_MS, intervalMs: 500, permanent: (err) => err instanceof HttpError && err.status < 500 },
    );
  }

  ticket(id: string): Promise<TicketView> {
    return this.http.ok('GET', `/service-requests/${id}`);
  }

  async timeline(id: string): Promise<TimelineEntry[]> {
    return (await this.http.ok<{ events: TimelineEntry[] }>('GET', `/service-requests/${id}/timeline`)).events;
  }

  async deliveries(ticketId: string): Promise<AlertDeliveryView[]> {
    return (await this.http.ok<{ items: AlertDeliveryView[] }>('GET', `/alerts?ticketId=${encodeURIComponent(ticketId)}&limit=200`)).items;
  }

  /** Every row of the `tickets` read model, page by page. */
  async rows(): Promise<Map<string, TicketRow>> {
    const rows = new Map<string, TicketRow>();
    let cursor: string | null = null;
    do {
      const page: TicketListPage = await this.http.ok('GET', `/service-requests?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      page.items.forEach((row) => rows.set(row.id, row));
      cursor = page.nextCursor;
    } while (cursor);
    return rows;
  }

  /** Closes the ticket; one found closed already counts too: the repeat of a close whose answer a crash lost. */
  async close(id: string): Promise<void> {
    await this.http.ok('POST', `/service-requests/${id}/close`, { resolution: 'Fixed after the fault-injection run' }).catch((err: unknown) => {
      if (!(err instanceof HttpError && err.status === 409)) throw err;
    });
  }

  async cancel(id: string): Promise<void> {
    await this.http.ok('POST', `/service-requests/${id}/cancel`);
  }

  async subscribeToAlerts(url: string): Promise<void> {
    await this.http.ok('POST', '/alert-subscriptions', { url, secret: 'fault-injection-secret' });
  }
}
