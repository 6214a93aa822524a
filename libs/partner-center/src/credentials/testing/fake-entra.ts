import { constants, verify, X509Certificate } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PartnerCenterCredentials, type PartnerCenterCredentialsOptions } from '../partner-center-credentials';

export interface FakeEntraOptions {
  clientId: string;
  /** The app's secret; or `certificatePem`, whose key must sign the client assertions. */
  clientSecret?: string;
  certificatePem?: string;
  /** The refresh token consent gave. */
  refreshToken: string;
  expiresInSeconds?: number;
  /** Holds each answer this long, so that concurrent callers overlap. */
  delayMs?: number;
}

export interface OAuthErrorAnswer {
  status: number;
  error: string;
  description: string;
  codes: number[];
  headers?: Record<string, string>;
}

export interface FakeEntra {
  /** Plays https://login.microsoftonline.com. */
  authorityUrl: string;
  /** Each token request: its tenant and form. */
  requests: Array<{ tenant: string; form: URLSearchParams }>;
  /** The refresh tokens redeemable now: each redeemed one is replaced by a new one (strict rotation). */
  refreshTokens: Set<string>;
  /** Access tokens issued, the latest last. */
  accessTokens: string[];
  /** Answers every token request with this error until called with undefined. */
  refuseWith(answer: OAuthErrorAnswer | undefined): void;
  /** Credentials of this fake's app (its client id, secret and consented refresh token) for tenant `partner-tenant`. */
  appCredentials(options: Pick<PartnerCenterCredentialsOptions, 'store'> & Partial<PartnerCenterCredentialsOptions>): PartnerCenterCredentials;
  close(): Promise<void>;
}

export const INVALID_GRANT: OAuthErrorAnswer = {
  status: 400,
  error: 'invalid_grant',
  description: 'AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.',
  codes: [70008],
};

/** Entra ID's v2.0 token endpoint, refresh-token grant only, on a local port, for tests. */
export async function startFakeEntra(options: FakeEntraOptions): Promise<FakeEntra> {
  const refreshTokens = new Set([options.refreshToken]);
  const requests: FakeEntra['requests'] = [];
  const accessTokens: string[] = [];
  let refusal: OAuthErrorAnswer | undefined;
  let issued = 0;
  let authorityUrl = '';

  const answerError = (res: ServerResponse, { status, error, description, codes, headers }: OAuthErrorAnswer) =>
    res
      .writeHead(status, { 'content-type': 'application/json', ...headers })
      .end(JSON.stringify({ error, error_description: description, error_codes: codes, timestamp: new Date().toISOString() }));

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const match = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) return void res.writeHead(404).end();
    const tenant = decodeURIComponent(match[1]);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    requests.push({ tenant, form });
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));

    if (refusal) return answerError(res, refusal);
    const clientProblem = checkClient(form, options, `${authorityUrl}/${match[1]}/oauth2/v2.0/token`);
    if (clientProblem) return answerError(res, { status: 401, error: 'invalid_client', description: clientProblem, codes: [7000215] });
    const redeemed = form.get('refresh_token') ?? '';
    if (form.get('grant_type') !== 'refresh_token' || !refreshTokens.delete(redeemed)) return answerError(res, INVALID_GRANT);

    issued += 1;
    const accessToken = `access-token-${issued}`;
    const refreshToken = `refresh-token-${issued}`;
    refreshTokens.add(refreshToken);
    accessTokens.push(accessToken);
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        token_type: 'Bearer',
        scope: form.get('scope'),
        expires_in: options.expiresInSeconds ?? 3600,
        ext_expires_in: options.expiresInSeconds ?? 3600,
        access_token: accessToken,
        refresh_token: refreshToken,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  authorityUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    authorityUrl,
    requests,
    refreshTokens,
    accessTokens,
    refuseWith: (answer) => (refusal = answer),
    appCredentials: (overrides) =>
      new PartnerCenterCredentials({
        authorityUrl,
        tenantId: 'partner-tenant',
        clientId: options.clientId,
        credential: { clientSecret: options.clientSecret ?? '' },
        refreshToken: options.refreshToken,
        ...overrides,
      }),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Why the client is not the app, or undefined. */
function checkClient(form: URLSearchParams, options: FakeEntraOptions, audience: string): string | undefined {
  if (form.get('client_id') !== options.clientId) return 'AADSTS700016: Application not found in the directory.';
  if (options.clientSecret !== undefined) {
    return form.get('client_secret') === options.clientSecret ? undefined : 'AADSTS7000215: Invalid client secret provided.';
  }
  const assertion = form.get('client_assertion') ?? '';
  if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' || !options.certificatePem) {
    return 'AADSTS7000216: client_assertion or client_secret is required.';
  }
  const invalid = 'AADSTS700027: Client assertion contains an invalid signature or claims.';
  const [header, claims, signature = ''] = assertion.split('.');
  const key = { key: new X509Certificate(options.certificatePem).publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
  if (!verify('sha256', Buffer.from(`${header}.${claims}`), key, Buffer.from(signature, 'base64url'))) return invalid;
  const { aud, iss, sub, exp } = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8'));
  const valid = aud === audience && iss === options.clientId && sub === options.clientId && exp > Date.now() / 1000;
  return valid ? undefined : invalid;
}
