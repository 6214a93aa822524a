import { randomUUID } from 'node:crypto';
import { SimulatedAnswer } from '../errors/simulated-answer';

/** Entra ID's token endpoint error body (Microsoft identity platform, "OAuth 2.0 … error response"). */
export interface EntraErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
  suberror?: string;
}

/** `2026-03-14 09:12:44Z`, the way Entra writes its timestamps. */
const entraTimestamp = (at: Date) => `${at.toISOString().slice(0, 19).replace('T', ' ')}Z`;

export class EntraError extends SimulatedAnswer {
  constructor(status: 400 | 401, error: string, code: number, message: string, suberror?: string) {
    const timestamp = entraTimestamp(new Date());
    const traceId = randomUUID();
    const correlationId = randomUUID();
    const body: EntraErrorBody = {
      error,
      error_description: `AADSTS${code}: ${message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
      ...(suberror ? { suberror } : {}),
    };
    super(status, body, { 'Cache-Control': 'no-store' });
  }
}

export const missingParameter = (name: string) =>
  new EntraError(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);

export const unsupportedGrantType = (grantType: string) =>
  new EntraError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`);

export const tenantNotFound = (tenant: string) =>
  new EntraError(400, 'invalid_request', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID.`);

export const unknownApplication = (clientId: string, tenant: string) =>
  new EntraError(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`);

export const invalidScope = (scope: string) =>
  new EntraError(400, 'invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`);

export const notConsented = (scope: string) =>
  new EntraError(
    400,
    'invalid_grant',
    65001,
    `The user or administrator has not consented to use the application for ${scope}. Send an interactive authorization request for this user and resource.`,
    'consent_required',
  );

export const clientCredentialMissing = () =>
  new EntraError(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");

export const invalidClientSecret = () =>
  new EntraError(401, 'invalid_client', 7000215, 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value.');

export const invalidClientAssertion = (why: string) => new EntraError(401, 'invalid_client', 700027, `Client assertion failed signature validation: ${why}.`);

export const clientAssertionOutOfTime = () => new EntraError(401, 'invalid_client', 700024, 'Client assertion is not within its valid time range.');

export const malformedGrant = () => new EntraError(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');

export const grantForAnotherClient = () => new EntraError(400, 'invalid_grant', 700007, 'The grant was issued for a different client id.');

export const grantExpired = () => new EntraError(400, 'invalid_grant', 700082, 'The refresh token has expired due to inactivity.');

export const grantRevoked = () =>
  new EntraError(400, 'invalid_grant', 50173, 'The provided grant has expired due to it being revoked, a fresh auth token is needed.');
