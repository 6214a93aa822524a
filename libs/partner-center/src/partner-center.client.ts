import { randomUUID } from 'node:crypto';
import { partnerCenterRequestDuration } from '@escalade/metrics';
import { accessTokenSource, type AccessTokenSource, type TokenProvider } from './access-token-source';
import { PartnerCenterCredentialsError, PartnerCenterRejectedError, PartnerCenterUnavailableError } from './partner-center.errors';
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
  /**
   * App+User access tokens for Partner Center, asked for each call: a PartnerCenterCredentials (renewed, and renewed
   * again after a 401), or a bare function for a static token.
   */
  tokenProvider: TokenProvider;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
  /** Milliseconds since the epoch; for tests of Retry-After. */
  now?: () => number;
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
  /** What the call is about (a request or customer id): named in its errors, never in its metrics. */
  about?: string;
  body?: unknown;
  ids?: CallIds;
  /** Sent besides ours, e.g. a next link's MS-ContinuationToken. */
  headers?: Record<string, string>;
}

interface CallRequest {
  operation: string;
  method: string;
  path: string;
  body: unknown;
  ids: CallIds;
  headers: Record<string, string>;
}

interface Answer {
  response: Response;
  text: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Partner Center's service request REST API. Every failure is one of:
 * - PartnerCenterRejectedError: Partner Center refused the request itself (400, 404, 409, 422 …);
 * - PartnerCenterCredentialsError: our credentials (401/403 even after one renewal and one retry, or a refused renewal);
 * - PartnerCenterUnavailableError: an outage, a time-out, or throttling. After a 429 (or 503) with Retry-After this
 *   client sends nothing until it has elapsed: a call before then fails at once, with the time left in `retryAfterMs`,
 *   so an activity retried early never sends early.
 */
export class PartnerCenterClient {
  private readonly baseUrl: string;
  /** Also the X-Locale of the support topics: their names and descriptions come in its language. */
  readonly agentLocale: string;
  private readonly tokens: AccessTokenSource;
  private readonly timeoutMs: number;
  private readonly fetch: typeof globalThis.fetch;
  private readonly now: () => number;
  /** No request before this instant (ms since the epoch): Partner Center's last Retry-After, with the status it came with. */
  private quiet = { until: 0, status: 429 };

  constructor(options: PartnerCenterClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.agentLocale = options.agentLocale;
    this.tokens = accessTokenSource(options.tokenProvider);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.now = options.now ?? Date.now;
  }

  createServiceRequest(body: CreateServiceRequestBody, options: CreateServiceRequestOptions): Promise<ServiceRequestResource> {
    return this.call('create service request', 'POST', `/v1/servicerequests/${encodeURIComponent(this.agentLocale)}`, {
      body,
      ids: { requestId: createRequestId(options.requestId), correlationId: correlationGuid(options.correlationId) },
    });
  }

  getServiceRequest(id: string): Promise<ServiceRequestResource> {
    return this.call('get service request', 'GET', `/v1/servicerequests/${encodeURIComponent(id)}`, { about: id });
  }

  /** The request as updated when Partner Center sends it back (the SDK's docs, the simulator); undefined on a 204. */
  updateServiceRequest(id: string, patch: UpdateServiceRequestBody): Promise<ServiceRequestResource | undefined> {
    return this.call('update service request', 'PATCH', `/v1/servicerequests/${encodeURIComponent(id)}`, { about: id, body: patch });
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
    return this.call('list service requests of customer', 'GET', `/v1/customers/${encodeURIComponent(customerTenantId)}/servicerequests`, {
      about: customerTenantId,
    });
  }

  /** Names and descriptions in the agent locale's language (`X-Locale`). */
  /** Ids as strings, whether Partner Center sends them as strings or as the int32 its model declares. */
  async listSupportTopics(): Promise<ResourceCollection<SupportTopic>> {
    const topics = await this.call<ResourceCollection<SupportTopic>>('list support topics', 'GET', '/v1/servicerequests/supporttopics', {
      headers: { 'X-Locale': this.agentLocale },
    });
    return { ...topics, items: topics.items.map((topic) => ({ ...topic, id: String(topic.id) })) };
  }

  /**
   * One call, timed in `escalade_partner_center_request_duration_seconds` by `operation` (a few fixed names) and outcome:
   * `ok` or the class of its error (see outcomeOf).
   */
  private async call<T>(operation: string, method: string, path: string, options: CallOptions = {}): Promise<T> {
    const done = partnerCenterRequestDuration.startTimer({ operation });
    try {
      const answer = await this.exchange<T>(options.about ? `${operation} ${options.about}` : operation, method, path, options);
      done({ outcome: 'ok' });
      return answer;
    } catch (err) {
      done({ outcome: outcomeOf(err) });
      throw err;
    }
  }

  /** The call itself: a token, a renewal and one retry if Partner Center refuses it, the answer read; `operation` names it in errors. */
  private async exchange<T>(
    operation: string,
    method: string,
    path: string,
    { body, ids = { requestId: randomUUID(), correlationId: randomUUID() }, headers = {} }: CallOptions,
  ): Promise<T> {
    const request: CallRequest = { operation, method, path, body, ids, headers };
    const token = await this.tokens.accessToken();
    let answer = await this.send(request, token);
    if (isCredentialsRefusal(answer.response.status)) {
      // An expired or revoked token: renew once and retry once; the same ids make a retried create file nothing new.
      this.tokens.invalidate(token);
      const renewed = await this.tokens.accessToken();
      if (renewed !== token) answer = await this.send(request, renewed);
      if (isCredentialsRefusal(answer.response.status)) throw this.credentialsRefused(operation, answer, renewed !== token);
    }

    const { response, text } = answer;
    if (!response.ok) throw failure(operation, response, text);
    this.tokens.partnerCenterAccepted?.();
    // Partner Center's REST reference answers an update with 204 and no body.
    if (response.status === 204) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch (err) {
      // A 2xx that is not JSON comes from something in between (a proxy, a gateway), not from Partner Center.
      const reason = `HTTP ${response.status} with a body that is not JSON`;
      throw new PartnerCenterUnavailableError(operation, reason, { status: response.status, cause: err });
    }
  }

  /** One HTTP exchange; nothing is sent while a Retry-After from Partner Center runs. */
  private async send({ operation, method, path, body, ids, headers }: CallRequest, token: string): Promise<Answer> {
    const waitMs = this.quiet.until - this.now();
    if (waitMs > 0) {
      const reason = `Partner Center asked for no requests until ${new Date(this.quiet.until).toISOString()} (Retry-After)`;
      throw new PartnerCenterUnavailableError(operation, reason, { status: this.quiet.status, retryAfterMs: waitMs });
    }
    const sent: Record<string, string> = {
      ...headers,
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'MS-RequestId': ids.requestId,
      'MS-CorrelationId': ids.correlationId,
    };
    if (body !== undefined) sent['Content-Type'] = 'application/json';

    try {
      const response = await this.fetch(`${this.baseUrl}${path}`, {
        method,
        headers: sent,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const retryAfter = retryAfterMs(response.headers.get('retry-after'));
      const until = this.now() + (retryAfter ?? 0);
      if ((response.status === 429 || response.status === 503) && until > this.quiet.until) this.quiet = { until, status: response.status };
      return { response, text: await response.text() };
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      const reason = timedOut ? `no answer within ${this.timeoutMs} ms` : `network failure (${messageWithCause(err)})`;
      throw new PartnerCenterUnavailableError(operation, reason, { cause: err });
    }
  }

  private credentialsRefused(operation: string, { response, text }: Answer, afterRenewal: boolean): PartnerCenterCredentialsError {
    const { status } = response;
    const description = parseErrorBody(text)?.description ?? (text.trim() || response.statusText);
    const token = afterRenewal ? 'a freshly renewed access token' : 'the access token (no other could be had)';
    const reason = `Partner Center answered HTTP ${status} (${description}) to ${token}`;
    this.tokens.partnerCenterRefused?.(reason);
    return new PartnerCenterCredentialsError(operation, 'partner-center-refused', reason, { status });
  }
}

/** An error's class, for metrics: Partner Center's refusal, our credentials, its throttling (429), any other outage, or a bug. */
function outcomeOf(err: unknown): string {
  if (err instanceof PartnerCenterRejectedError) return 'rejected';
  if (err instanceof PartnerCenterCredentialsError) return 'credentials';
  if (err instanceof PartnerCenterUnavailableError) return err.status === 429 ? 'throttled' : 'unavailable';
  return 'error';
}

/** 401: no valid token; 403: a token without the rights (no Partner Center role, no MFA claim). Both are ours to fix. */
function isCredentialsRefusal(status: number): boolean {
  return status === 401 || status === 403;
}

/** Any other failed answer: 408, 429 and 5xx are an outage, the other 4xx a refusal of the request itself. */
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
