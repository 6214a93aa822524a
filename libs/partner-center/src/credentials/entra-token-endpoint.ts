import { PartnerCenterCredentialsError, PartnerCenterUnavailableError } from '../partner-center.errors';
import type { ClientCertificate } from './client-certificate';

export const RENEWAL_OPERATION = 'renew the Partner Center access token';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** How the app proves itself to Entra ID: a client secret, or a certificate signing client assertions. */
export type ClientCredential = { clientSecret: string } | { certificate: ClientCertificate };

export interface EntraTokenEndpointOptions {
  /** https://login.microsoftonline.com, or our simulator's URL (plain http only on loopback). */
  authorityUrl: string;
  /** The partner's tenant (GUID or domain). */
  tenantId: string;
  clientId: string;
  credential: ClientCredential;
  scope: string;
  timeoutMs: number;
  fetch: typeof globalThis.fetch;
  now: () => number;
}

export interface RedeemedRefreshToken {
  accessToken: string;
  /** The access token's lifetime, from `expires_in`. */
  lifetimeMs: number;
  /** The refresh token that replaces the one redeemed, when Entra ID sent one. */
  refreshToken?: string;
}

/** Entra ID's v2.0 token endpoint, for the refresh-token grant of a confidential client. */
export class EntraTokenEndpoint {
  readonly url: string;

  constructor(private readonly options: EntraTokenEndpointOptions) {
    const authority = new URL(options.authorityUrl);
    if (authority.protocol !== 'https:' && !(authority.protocol === 'http:' && LOOPBACK_HOSTS.has(authority.hostname))) {
      throw new Error(`The Entra ID authority must be https (plain http only on loopback), not ${authority.origin}`);
    }
    this.url = `${options.authorityUrl.replace(/\/+$/, '')}/${encodeURIComponent(options.tenantId)}/oauth2/v2.0/token`;
  }

  /**
   * Exchanges a refresh token for an access token (and, usually, a new refresh token). Throws
   * PartnerCenterCredentialsError when Entra ID refuses (invalid_grant, invalid_client …), and
   * PartnerCenterUnavailableError when it cannot answer now.
   */
  async redeem(refreshToken: string): Promise<RedeemedRefreshToken> {
    const { clientId, credential, scope, timeoutMs } = this.options;
    const form = new URLSearchParams({ client_id: clientId, grant_type: 'refresh_token', refresh_token: refreshToken, scope });
    const secrets = [refreshToken];
    if ('clientSecret' in credential) {
      form.set('client_secret', credential.clientSecret);
      secrets.push(credential.clientSecret);
    } else {
      form.set('client_assertion_type', JWT_BEARER);
      form.set('client_assertion', credential.certificate.assertion(clientId, this.url, this.options.now()));
    }

    let response: Response;
    let text: string;
    try {
      response = await this.options.fetch(this.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: form.toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      const reason = timedOut ? `no answer within ${timeoutMs} ms` : `network failure (${redact(messageWithCause(err), secrets)})`;
      throw new PartnerCenterUnavailableError(RENEWAL_OPERATION, `Entra ID at ${this.url}: ${reason}`);
    }
    if (response.ok) return redeemed(parseObject(text), response.status, this.url);
    throw refusal(response, redact(text, secrets), this.url);
  }
}

function redeemed(body: Record<string, unknown> | undefined, status: number, url: string): RedeemedRefreshToken {
  const expiresIn = Number(body?.expires_in);
  if (typeof body?.access_token !== 'string' || !body.access_token || !(expiresIn > 0)) {
    throw new PartnerCenterUnavailableError(RENEWAL_OPERATION, `Entra ID at ${url} answered HTTP ${status} without an access token and its lifetime`, {
      status,
    });
  }
  const refreshToken = typeof body.refresh_token === 'string' && body.refresh_token ? body.refresh_token : undefined;
  return { accessToken: body.access_token, lifetimeMs: expiresIn * 1000, refreshToken };
}

/** An OAuth error from Entra ID: an outage to wait out, or a refusal of our credentials. */
function refusal(response: Response, redactedText: string, url: string): Error {
  const { status } = response;
  const body = parseObject(redactedText);
  const error = typeof body?.error === 'string' ? body.error : undefined;
  const described = typeof body?.error_description === 'string' ? body.error_description : redactedText.trim() || response.statusText;
  const description = described.replace(/\s+/g, ' ').trim();
  if (status === 408 || status === 429 || status >= 500 || error === 'temporarily_unavailable') {
    const retryAfterS = Number(response.headers.get('retry-after') ?? undefined);
    return new PartnerCenterUnavailableError(RENEWAL_OPERATION, `Entra ID at ${url} answered HTTP ${status}${error ? ` ${error}` : ''}: ${description}`, {
      status,
      retryAfterMs: retryAfterS >= 0 ? retryAfterS * 1000 : undefined,
    });
  }
  const errorCodes = Array.isArray(body?.error_codes) ? body.error_codes.filter((code): code is number => typeof code === 'number') : undefined;
  const reason = `Entra ID refused to renew the access token (HTTP ${status}${error ? ` ${error}` : ''}): ${description}`;
  return new PartnerCenterCredentialsError(RENEWAL_OPERATION, 'renewal-refused', reason, { status, error, errorCodes });
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Secrets never reach a message, whatever a server or a network error echoes. */
export function redact(text: string, secrets: string[]): string {
  return secrets.filter(Boolean).reduce((redacted, secret) => redacted.split(secret).join('[redacted]'), text);
}

function messageWithCause(err: unknown): string {
  const { message, cause } = err as { message: string; cause?: { message?: string } };
  return cause?.message ? `${message}: ${cause.message}` : message;
}
