// Test-only: a stand-in for Entra ID's token issuer. Real RSA keys, real JWTs, a real JWKS over HTTP on 127.0.0.1.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

/** The tenant tokens are minted for unless a test says otherwise. */
export const TEST_TENANT_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
/** The signed-in user's object id unless a test says otherwise. */
export const TEST_OBJECT_ID = '0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d';
export const TEST_AUDIENCE = 'api://escalade-test';

export type TestClaims = Partial<{ tid: string; oid: string; name: string; roles: string[]; aud: string; iss: string; exp: number; nbf: number; iat: number }> &
  Record<string, unknown>;

export interface MintOptions {
  /** RS256 (default) signs with the issuer's key; `none` is unsigned; HS256 uses the public key's PEM as the HMAC secret. */
  alg?: 'RS256' | 'none' | 'HS256';
  /** The header's `kid`; default the current signing key's. */
  kid?: string;
  /** `foreign`: signed with a key the JWKS does not publish (under the current key's `kid`), so the signature is invalid. */
  signWith?: 'current' | 'foreign';
}

export interface TestIssuer {
  /** http://127.0.0.1:<port> */
  readonly authority: string;
  /**
   * A token with Entra-like defaults: tid TEST_TENANT_ID, oid TEST_OBJECT_ID, name 'Test User', iss
   * `${authority}/${tid}/v2.0`, aud the issuer's audience, iat/nbf now, exp now + 600, ver '2.0'.
   * A claim given as `undefined` is left out (e.g. `{ oid: undefined }` mints a token without `oid`).
   */
  mint(claims?: TestClaims, options?: MintOptions): Promise<string>;
  /** Signs with a new key from now on; the JWKS then publishes the new key and keeps the old ones. */
  rotateKeys(): Promise<void>;
  /** How many times the JWKS was fetched (any tenant). */
  readonly jwksRequests: number;
  close(): Promise<void>;
}

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
}

async function newSigningKey(kid = `test-key-${randomUUID()}`): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicKey, jwk };
}

export async function startTestIssuer(options: { audience?: string } = {}): Promise<TestIssuer> {
  const audience = options.audience ?? TEST_AUDIENCE;
  let current = await newSigningKey();
  const published: SigningKey[] = [current];
  const foreign = await newSigningKey();
  let jwksRequests = 0;
  let authority = '';

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const keys = /^\/([^/]+)\/discovery\/v2\.0\/keys$/.exec(path);
    const configuration = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path);
    if (req.method === 'GET' && keys) {
      jwksRequests += 1;
      return json(res, { keys: published.map((key) => key.jwk) });
    }
    if (req.method === 'GET' && configuration) {
      const tid = configuration[1];
      return json(res, {
        issuer: `${authority}/${tid}/v2.0`,
        jwks_uri: `${authority}/${tid}/discovery/v2.0/keys`,
        authorization_endpoint: `${authority}/${tid}/oauth2/v2.0/authorize`,
        token_endpoint: `${authority}/${tid}/oauth2/v2.0/token`,
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        tenant_region_scope: 'EU',
      });
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  authority = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    authority,
    get jwksRequests() {
      return jwksRequests;
    },
    async mint(claims = {}, mintOptions = {}) {
      const now = Math.floor(Date.now() / 1000);
      const tid = 'tid' in claims ? claims.tid : TEST_TENANT_ID;
      const payload = withoutUndefined({
        aud: audience,
        iss: `${authority}/${tid}/v2.0`,
        iat: now,
        nbf: now,
        exp: now + 600,
        tid,
        oid: TEST_OBJECT_ID,
        name: 'Test User',
        preferred_username: 'test.user@contoso.example',
        ver: '2.0',
        ...claims,
      });
      const alg = mintOptions.alg ?? 'RS256';
      const kid = mintOptions.kid ?? current.kid;
      if (alg === 'none') return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;
      if (alg === 'HS256') {
        // The algorithm-confusion attack: HMAC keyed with the (public!) RSA key, hoping the verifier uses it as a secret.
        const secret = new TextEncoder().encode(await exportSPKI(current.publicKey));
        return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid }).sign(secret);
      }
      const key = mintOptions.signWith === 'foreign' ? foreign.privateKey : current.privateKey;
      return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(key);
    },
    async rotateKeys() {
      current = await newSigningKey();
      published.unshift(current);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/** The token with its payload changed (e.g. more roles) and its original signature kept: a forgery. */
export function tamperPayload(token: string, change: (payload: Record<string, unknown>) => Record<string, unknown> | void): string {
  const [header, payload, signature] = token.split('.');
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const changed = change(decoded) ?? decoded;
  return `${header}.${base64url(changed)}.${signature}`;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function withoutUndefined(claims: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
}

function json(res: ServerResponse, body: unknown): void {
  res.statusCode = 200;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}
