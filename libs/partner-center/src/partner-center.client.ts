import { randomUUID } from 'node:crypto';
import { PartnerCenterRejectedError, PartnerCenterUnavailableError } from './partner-center.errors';
import { correlationGuid, createRequestId } from './request-ids';
import type {
  CreateServiceRequestBody,
  PartnerCenterErrorBody,
  ResourceCollection,
  ServiceRequestResource,
  SupportTopic,
  UpdateServiceRequestBody,
} from './wire';

export interface PartnerCenterClientOptions {
  /** e.g. https://api.partnercenter.microsoft.com, or the simulator's URL. */
  baseUrl: string;
  /** The locale of the agent filing requests, e.g. en-US. */
  agentLocale: string;
  /** An App+User access token for Partner Center, fetched for each call so it can be refreshed. */
  tokenProvider: () => Promise<string>;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

export interface CreateServiceRequestOptions {
  /** The caller's idempotency key (any string): MS-RequestId is derived from it, so a retried create files nothing new. */
  requestId: string;
  /** Groups the calls of one operation; any string (a GUID is sent as is). */
  correlationId: string;
}

export interface ListServiceRequestsOptions {
  /** Items a page (`?size=`); unset, Partner Center chooses. Every page is fetched either way. */
  pageSize?: number;
}

interface CallIds {
  requestId: string;
  correlationId: string;
}

interface CallOptions {
  body?: unknown;
  ids?: CallIds;
  /** Sent besides ours, e.g. a next link's MS-ContinuationToken. */
  headers?: Record<string, string>;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** Partner Center's service request REST API; every failure is a PartnerCenterRejectedError or PartnerCenterUnavailableError. */
export class PartnerCenterClient {
  private readonly baseUrl: string;
  private readonly agentLocale: string;
  private readonly tokenProvider: () => Promise<string>;
  private readonly timeoutMs: number;
  private readonly fetch: typeof globalThis.fetch;

  constructor(options: PartnerCenterClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.agentLocale = options.agentLocale;
    this.tokenProvider = options.tokenProvider;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  createServiceRequest(body: CreateServiceRequestBody, options: CreateServiceRequestOptions): Promise<ServiceRequestResource> {
    return this.call('create service request', 'POST', `/v1/servicerequests/${encodeURIComponent(this.agentLocale)}`, {
      body,
      ids: { requestId: createRequestId(options.requestId), correlationId: correlationGuid(options.correlationId) },
    });
  }

  getServiceRequest(id: string): Promise<ServiceRequestResource> {
    return this.call(`get service request ${id}`, 'GET', `/v1/servicerequests/${encodeURIComponent(id)}`);
  }

  updateServiceRequest(id: string, patch: UpdateServiceRequestBody): Promise<ServiceRequestResource> {
    return this.call(`update service request ${id}`, 'PATCH', `/v1/servicerequests/${encodeURIComponent(id)}`, { body: patch });
  }

  /** Every service request of the partner (`GET /v1/servicerequests`): the pages one after the other, by `links.next`. */
  async listServiceRequests({ pageSize }: ListServiceRequestsOptions = {}): Promise<ServiceRequestResource[]> {
    const operation = 'list service requests';
    // One correlation id for the pages of one listing, a request id for each page.
    const correlationId = randomUUID();
    const page = (path: string, headers?: Record<string, string>) =>
      this.call<ResourceCollection<ServiceRequestResource>>(operation, 'GET', path, {
        ids: { requestId: randomUUID(), correlationId },
        headers,
      });
    let collection = await page(pageSize === undefined ? '/v1/servicerequests' : `/v1/servicerequests?size=${pageSize}`);
    const items = [...collection.items];
    const followed = new Set<string>();
    while (collection.links?.next) {
      const { uri, headers } = collection.links.next;
      const next = JSON.stringify([uri, headers]);
      // A server handing out the same next page again would keep us listing for ever.
      if (followed.has(next)) throw new PartnerCenterUnavailableError(operation, `the next-page link repeats after ${items.length} items`);
      followed.add(next);
      collection = await page(`/v1${uri}`, Object.fromEntries(headers.map(({ key, value }) => [key, value])));
      items.push(...collection.items);
    }
    return items;
  }

  listCustomerServiceRequests(customerTenantId: string): Promise<ResourceCollection<ServiceRequestResource>> {
    return this.call(
      `list service requests of customer ${customerTenantId}`,
      'GET',
      `/v1/customers/${encodeURIComponent(customerTenantId)}/servicerequests`,
    );
  }

  listSupportTopics(): Promise<ResourceCollection<SupportTopic>> {
    return this.call('list support topics', 'GET', '/v1/servicerequests/supporttopics');
  }

  private async call<T>(
    operation: string,
    method: string,
    path: string,
    { body, ids = { requestId: randomUUID(), correlationId: randomUUID() }, headers: extraHeaders = {} }: CallOptions = {},
  ): Promise<T> {
    const headers: Record<string, string> = {
      ...extraHeaders,
      Authorization: `Bearer ${await this.tokenProvider()}`,
      Accept: 'application/json',
      'MS-RequestId': ids.requestId,
      'MS-CorrelationId': ids.correlationId,
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';

    let response: Response;
    let text: string;
    try {
      response = await this.fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      const reason = timedOut ? `no answer within ${this.timeoutMs} ms` : `network failure (${messageWithCause(err)})`;
      throw new PartnerCenterUnavailableError(operation, reason, { cause: err });
    }

    if (!response.ok) throw failure(operation, response, text);
    try {
      return JSON.parse(text) as T;
    } catch (err) {
      // A 2xx that is not JSON comes from something in between (a proxy, a gateway), not from Partner Center.
      const reason = `HTTP ${response.status} with a body that is not JSON`;
      throw new PartnerCenterUnavailableError(operation, reason, { status: response.status, cause: err });
    }
  }
}

function failure(operation: string, response: Response, text: string): Error {
  const error = parseErrorBody(text);
  const description = error?.description ?? (text.trim() || response.statusText);
  const { status } = response;
  if (status === 408 || status === 429 || status >= 500) {
    return new PartnerCenterUnavailableError(operation, `HTTP ${status}: ${description}`, {
      status,
      retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
    });
  }
  return new PartnerCenterRejectedError(operation, status, error?.code, description, error?.errorName);
}

function parseErrorBody(text: string): Partial<PartnerCenterErrorBody> | undefined {
  let parsed: Partial<Record<keyof PartnerCenterErrorBody, unknown>>;
  try {
    parsed = JSON.parse(text) ?? {};
  } catch {
    return undefined;
  }
  return {
    code: typeof parsed.code === 'number' ? parsed.code : undefined,
    description: typeof parsed.description === 'string' ? parsed.description : undefined,
    errorName: typeof parsed.errorName === 'string' ? parsed.errorName : undefined,
  };
}

/** Retry-After is either a number of seconds or an HTTP date. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** fetch reports "fetch failed" and keeps the reason (ECONNREFUSED, ENOTFOUND, …) in its cause. */
function messageWithCause(err: unknown): string {
  const { message, cause } = err as { message: string; cause?: { message?: string } };
  return cause?.message ? `${message}: ${cause.message}` : message;
}
