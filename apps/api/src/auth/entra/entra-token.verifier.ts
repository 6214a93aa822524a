import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type ProtectedHeaderParameters } from 'jose';

/** Microsoft's own authority: the only one whose tenants may also present v1 (`sts.windows.net`) tokens. */
export const MICROSOFT_AUTHORITY = 'https://login.microsoftonline.com';

export interface EntraSettings {
  /** e.g. https://login.microsoftonline.com (tests: http://127.0.0.1:<port>) — no trailing slash */
  authority: string;
  /** accepted `aud` values, e.g. ['api://<client id>', '<client id>'] */
  audiences: string[];
  /** allowed tenant ids (lower-case GUIDs); a token from any other tenant is refused */
  allowedTenants: string[];
  /** default 60 */
  clockToleranceSeconds?: number;
  /** How long a JWKS download may take before the identity provider counts as unavailable; default 5000. */
  jwksTimeoutMs?: number;
  /**
   * The least time between two JWKS downloads caused by a token whose `kid` the cached set lacks (key rotation);
   * default 30000 (jose's). It keeps tokens with made-up `kid`s from making the API hammer the identity provider.
   */
  jwksCooldownMs?: number;
}

export interface EntraIdentity {
  tenantId: string;
  objectId: string;
  name: string;
  roles: string[];
}

/** Why a token was refused: a reason the caller can act on. The message never contains the token. */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

/** The identity provider's signing keys could not be fetched (down, timing out, answering nonsense): a 503, not a 401. */
export class IdentityProviderUnavailableError extends Error {
  override readonly name = 'IdentityProviderUnavailableError';
}

const ALGORITHMS = ['RS256'];
const DEFAULT_CLOCK_TOLERANCE_SECONDS = 60;
const DEFAULT_JWKS_TIMEOUT_MS = 5_000;
const DEFAULT_JWKS_COOLDOWN_MS = 30_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Verifies Entra ID (v2) access tokens for this API with jose:
 *
 * 1. The payload is decoded, unverified, only to read `tid`; a tenant not in `allowedTenants` is refused before any
 *    key is fetched (so a foreign token costs no request to the identity provider).
 * 2. The signature (RS256 only: `none`, HS256 and the rest are refused), issuer, audience, `exp` (required) and `nbf`
 *    are checked with `jwtVerify`, `clockToleranceSeconds` of skew allowed, and `oid` is required.
 *    The issuer is pinned to the token's tenant: `${authority}/${tid}/v2.0`. Only when `authority` is Microsoft's
 *    (https://login.microsoftonline.com) is the v1 issuer `https://sts.windows.net/${tid}/` accepted too, for
 *    app registrations still issuing v1 tokens (`accessTokenAcceptedVersion` unset); a test or sovereign authority
 *    gets the v2 issuer only.
 * 3. Signing keys come from `${authority}/${tid}/discovery/v2.0/keys`, one cached jose remote JWKS per tenant: it
 *    downloads again when a token names a `kid` it lacks (key rotation; at most once per `jwksCooldownMs`) and
 *    when the cached set is older than 10 minutes.
 *
 * Failures are an {@link InvalidTokenError} (the token is bad: 401) or an {@link IdentityProviderUnavailableError}
 * (the keys could not be fetched: 503).
 */
export class EntraTokenVerifier {
  private readonly authority: string;
  private readonly audiences: string[];
  private readonly allowedTenants: ReadonlySet<string>;
  private readonly clockTolerance: number;
  private readonly jwksTimeoutMs: number;
  private readonly jwksCooldownMs: number;
  private readonly keySets = new Map<string, JWTVerifyGetKey>();

  constructor(settings: EntraSettings) {
    this.authority = settings.authority.replace(/\/+$/, '');
    if (!/^https?:\/\/[^?#]+$/.test(this.authority)) throw new Error(`Entra authority must be an http(s) URL such as ${MICROSOFT_AUTHORITY}, not "${settings.authority}"`);
    if (settings.audiences.length === 0) throw new Error('Entra audiences must not be empty');
    this.audiences = [...settings.audiences];
    this.allowedTenants = new Set(settings.allowedTenants.map((tid) => tid.trim().toLowerCase()));
    this.clockTolerance = settings.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
    this.jwksTimeoutMs = settings.jwksTimeoutMs ?? DEFAULT_JWKS_TIMEOUT_MS;
    this.jwksCooldownMs = settings.jwksCooldownMs ?? DEFAULT_JWKS_COOLDOWN_MS;
  }

  async verify(token: string): Promise<EntraIdentity> {
    const { header, unverified } = decode(token);

    const tid = unverified.tid;
    if (tid === undefined) throw new InvalidTokenError('token has no tenant (tid) claim');
    if (typeof tid !== 'string' || !this.allowedTenants.has(tid)) throw new InvalidTokenError(`token tenant ${printable(tid)} is not allowed`);
    if (typeof header.kid !== 'string' || header.kid === '') {
      // Entra always names the key; the alg check comes first so that `none`/HS256 tokens are told why they fail.
      if (typeof header.alg === 'string' && !ALGORITHMS.includes(header.alg)) throw algorithmNotAllowed(header.alg);
      throw new InvalidTokenError('token has no key id (kid) header');
    }

    const issuers = this.issuersFor(tid);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keysFor(tid), {
        algorithms: ALGORITHMS,
        issuer: issuers,
        audience: this.audiences,
        clockTolerance: this.clockTolerance,
        requiredClaims: ['exp', 'oid'],
      }));
    } catch (err) {
      throw this.translate(err, { tid, issuers, header });
    }

    const { oid, name, preferred_username: username, roles } = payload as JWTPayload & Record<string, unknown>;
    if (typeof oid !== 'string' || oid === '') throw new InvalidTokenError('token object id (oid) claim is not a string');
    return {
      tenantId: tid,
      objectId: oid,
      name: nonEmptyString(name) ?? nonEmptyString(username) ?? oid,
      roles: Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : [],
    };
  }

  private issuersFor(tid: string): string[] {
    const v2 = `${this.authority}/${tid}/v2.0`;
    return this.authority === MICROSOFT_AUTHORITY ? [v2, `https://sts.windows.net/${tid}/`] : [v2];
  }

  /** The tenant's signing keys: jose's remote JWKS (cached), its download failures turned into IdentityProviderUnavailableError. */
  private keysFor(tid: string): JWTVerifyGetKey {
    let keys = this.keySets.get(tid);
    if (!keys) {
      const url = new URL(`${this.authority}/${encodeURIComponent(tid)}/discovery/v2.0/keys`);
      const remote = createRemoteJWKSet(url, { timeoutDuration: this.jwksTimeoutMs, cooldownDuration: this.jwksCooldownMs });
      keys = async (protectedHeader, token) => {
        try {
          return await remote(protectedHeader, token);
        } catch (err) {
          // The set was fetched but has no key for this token: the token's problem. Anything else: fetching the set failed.
          if (isTokenKeyProblem(err)) throw err;
          throw new IdentityProviderUnavailableError(`the identity provider's signing keys could not be fetched from ${url.href}: ${describeFetchFailure(err, this.jwksTimeoutMs)}`, { cause: err });
        }
      };
      this.keySets.set(tid, keys);
    }
    return keys;
  }

  private translate(err: unknown, context: { tid: string; issuers: string[]; header: ProtectedHeaderParameters }): Error {
    if (err instanceof IdentityProviderUnavailableError || err instanceof InvalidTokenError) return err;
    const { code, claim, reason, payload } = (err ?? {}) as { code?: unknown; claim?: unknown; reason?: unknown; payload?: { exp?: unknown } };
    switch (code) {
      case 'ERR_JWT_EXPIRED':
        return new InvalidTokenError(typeof payload?.exp === 'number' ? `token expired at ${isoTime(payload.exp)}` : 'token expired');
      case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
        return new InvalidTokenError(claimFailure(String(claim), String(reason), context.issuers, this.audiences));
      case 'ERR_JOSE_ALG_NOT_ALLOWED':
        return algorithmNotAllowed(context.header.alg);
      case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
        return new InvalidTokenError('token signature is invalid');
      case 'ERR_JWKS_NO_MATCHING_KEY':
        return new InvalidTokenError(`token signing key ${printable(context.header.kid)} is not one the identity provider publishes for tenant ${context.tid}`);
      case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
        return new InvalidTokenError('token signing key is ambiguous: its key id (kid) matches several published keys');
      case 'ERR_JWS_INVALID':
      case 'ERR_JWT_INVALID':
        return new InvalidTokenError('malformed token');
      case 'ERR_JOSE_NOT_SUPPORTED':
        return new InvalidTokenError('token uses a feature this API does not support');
      default:
        return err instanceof Error ? err : new Error(String(err));
    }
  }
}

function decode(token: string): { header: ProtectedHeaderParameters; unverified: JWTPayload } {
  if (typeof token !== 'string' || token.split('.').length !== 3) throw new InvalidTokenError('malformed token: expected a JWT (three dot-separated parts)');
  try {
    return { header: decodeProtectedHeader(token), unverified: decodeJwt(token) };
  } catch {
    throw new InvalidTokenError('malformed token: its header or payload is not base64url-encoded JSON');
  }
}

function claimFailure(claim: string, reason: string, issuers: string[], audiences: string[]): string {
  if (reason === 'missing') {
    const names: Record<string, string> = { exp: 'expiry (exp)', oid: 'object id (oid)', iss: 'issuer (iss)', aud: 'audience (aud)' };
    return `token has no ${names[claim] ?? claim} claim`;
  }
  if (reason === 'invalid') return `token ${claim} claim is not a number`;
  switch (claim) {
    case 'iss':
      return `token issuer is not ${issuers.join(' or ')}`;
    case 'aud':
      return `token audience is not this API (expected ${audiences.join(' or ')})`;
    case 'nbf':
      return 'token is not valid yet (nbf is in the future)';
    default:
      return `token ${claim} claim is invalid`;
  }
}

function algorithmNotAllowed(alg: unknown): InvalidTokenError {
  return new InvalidTokenError(`token algorithm ${printable(alg)} is not allowed (only ${ALGORITHMS.join(', ')})`);
}

/** Signature-key lookups that fail because of the token (the set was fetched), not because of the identity provider. */
function isTokenKeyProblem(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return code === 'ERR_JWKS_NO_MATCHING_KEY' || code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS' || code === 'ERR_JOSE_NOT_SUPPORTED';
}

function describeFetchFailure(err: unknown, timeoutMs: number): string {
  const { code, message, cause } = (err ?? {}) as { code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
  if (code === 'ERR_JWKS_TIMEOUT') return `no answer within ${timeoutMs} ms`;
  if (code === 'ERR_JWKS_INVALID') return 'the response is not a JSON Web Key Set';
  // fetch's TypeError("fetch failed") keeps the socket error (ECONNREFUSED, ENOTFOUND…) in its cause.
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : undefined;
  return [typeof message === 'string' ? message : String(err), detail].filter(Boolean).join(': ');
}

/** A value from an unverified token, safe to put in a message: GUIDs and short plain words as they are, anything else summarised. */
function printable(value: unknown): string {
  if (typeof value === 'string' && (GUID.test(value) || /^[\w.-]{1,64}$/.test(value))) return value;
  if (value === undefined) return '(none)';
  return '(unrecognisable value)';
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function isoTime(epochSeconds: number): string {
  const date = new Date(epochSeconds * 1000);
  return Number.isNaN(date.getTime()) ? String(epochSeconds) : date.toISOString();
}
