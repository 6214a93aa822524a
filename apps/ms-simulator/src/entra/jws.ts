// Compact JWS with node:crypto. jose (the workspace's JWT library) is ESM-only and Jest here loads CommonJS, so the
// simulator, which the adapter's tests start in-process, signs and verifies with Node's own primitives.
import { constants, createHmac, type KeyObject, timingSafeEqual, verify } from 'node:crypto';

export type JwtClaims = Record<string, unknown>;

export interface JwsHeader {
  alg: string;
  typ?: string;
  x5t?: string;
  'x5t#S256'?: string;
}

export interface VerifiedJws {
  header: JwsHeader;
  claims: JwtClaims;
}

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signHs256(claims: JwtClaims, key: Buffer, typ: string): string {
  const input = `${encode({ alg: 'HS256', typ })}.${encode(claims)}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
}

/** Header and claims of a well-formed compact JWS, signature unchecked; undefined for anything else. */
export function decodeJws(token: string): (VerifiedJws & { signingInput: string; signature: Buffer }) | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString()) as JwsHeader;
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString()) as JwtClaims;
    if (typeof header?.alg !== 'string' || typeof claims !== 'object' || claims === null) return undefined;
    return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') };
  } catch {
    return undefined;
  }
}

/** The token's header and claims when an HS256 signature with `key` checks out. */
export function verifyHs256(token: string, key: Buffer): VerifiedJws | undefined {
  const decoded = decodeJws(token);
  if (decoded?.header.alg !== 'HS256') return undefined;
  const expected = createHmac('sha256', key).update(decoded.signingInput).digest();
  const valid = expected.length === decoded.signature.length && timingSafeEqual(expected, decoded.signature);
  return valid ? { header: decoded.header, claims: decoded.claims } : undefined;
}

/** RS256 or PS256 (MSAL signs client assertions with the former for a SHA-1 thumbprint, the latter for SHA-256). */
export function verifyRsa(token: string, publicKey: KeyObject): VerifiedJws | undefined {
  const decoded = decodeJws(token);
  if (!decoded) return undefined;
  const { alg } = decoded.header;
  const padding =
    alg === 'RS256' ? {} : alg === 'PS256' ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : undefined;
  if (!padding) return undefined;
  const valid = verify('sha256', Buffer.from(decoded.signingInput), { key: publicKey, ...padding }, decoded.signature);
  return valid ? { header: decoded.header, claims: decoded.claims } : undefined;
}
