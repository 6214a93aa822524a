import * as fc from 'fast-check';

/** A credential that is not `key`, sent the way a client would: in Authorization, in X-API-Key, or to sign in with. */
export interface BadCredential {
  what: string;
  /** Headers that carry it (none when it is in the sign-in body). */
  headers: Record<string, string>;
  /** The sign-in body, when it is sent to POST /auth/session. */
  signIn?: { credential: string };
}

/** Characters Node can send in a header value: tab, printable ASCII, Latin-1. */
const headerText = (maxLength: number) =>
  fc.string({
    unit: fc.oneof(fc.constant(0x09), fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff })).map((c) => String.fromCharCode(c)),
    maxLength,
  });

/** `key` with one character changed, dropped or added, or cut short: never `key` itself. */
function alteredKey(key: string): fc.Arbitrary<string> {
  const at = fc.nat({ max: key.length - 1 });
  const char = fc.constantFrom('A', 'z', '0', '9', '_', '-', '~', '.', '=');
  return fc
    .oneof(
      fc.tuple(at, char).map(([i, c]) => key.slice(0, i) + c + key.slice(i + 1)),
      at.map((i) => key.slice(0, i) + key.slice(i + 1)),
      fc.tuple(at, char).map(([i, c]) => key.slice(0, i) + c + key.slice(i)),
      at.map((i) => key.slice(0, i)),
    )
    .filter((altered) => altered !== key);
}

/** Bad credentials for a deployment whose only good one (for the test) is `key`: each must be a 401. */
export function badCredential(key: string): fc.Arbitrary<BadCredential> {
  const altered = alteredKey(key);
  const bearer = altered.map((k) => ({ what: `Bearer ${k}`, headers: { authorization: `Bearer ${k}` } }));
  const otherScheme = fc
    .constantFrom('Basic', 'Token', 'ApiKey', 'Digest', 'Bearer:', 'Bearerx', 'esk')
    .map((scheme) => ({ what: `${scheme} <the key>`, headers: { authorization: `${scheme} ${key}` } }));
  const malformedBearer = fc
    .constantFrom('', 'Bearer', 'Bearer ', `Bearer ${key} ${key}`, `Bearer ${key},${key}`, `${key}`)
    .map((value) => ({ what: `Authorization ${JSON.stringify(value.slice(0, 20))}…`, headers: { authorization: value } }));
  const noise = headerText(200)
    .filter((value) => value.trim() !== key)
    .map((value) => ({ what: `Authorization ${JSON.stringify(value.slice(0, 40))}`, headers: { authorization: value } }));
  const apiKeyHeader = fc
    .oneof(altered, headerText(100).filter((value) => value.trim() !== key))
    .map((k) => ({ what: `X-API-Key ${JSON.stringify(k.slice(0, 40))}`, headers: { 'x-api-key': k } }));
  const jwtShaped = fc
    .tuple(fc.base64String({ minLength: 4, maxLength: 40 }), fc.base64String({ minLength: 4, maxLength: 40 }))
    .map(([header, payload]) => `${header}.${payload}.c2lnbmF0dXJl`.replace(/[+/=]/g, 'x'))
    .map((token) => ({ what: `a token shaped like a JWT (${token.slice(0, 20)}…)`, headers: { authorization: `Bearer ${token}` } }));
  const signIn = fc
    .oneof(altered, fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 200 }).filter((value) => value.trim() !== '' && value !== key))
    .map((credential) => ({ what: `signing in with ${JSON.stringify(credential.slice(0, 40))}`, headers: {}, signIn: { credential } }));
  return fc.oneof(bearer, otherScheme, malformedBearer, noise, apiKeyHeader, jwtShaped, signIn);
}
