// Proof Key for Code Exchange (RFC 7636) with the browser's WebCrypto: what keeps an intercepted authorization code useless.

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `size` random bytes as base64url: 32 make a 43-character code verifier (RFC 7636 asks 43 to 128). */
export function randomToken(size = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(size)));
}

/** The S256 challenge of a verifier: BASE64URL(SHA-256(ASCII(verifier))). */
export async function codeChallenge(verifier: string): Promise<string> {
  if (!crypto.subtle) throw new Error('Signing in with Microsoft needs a secure page (https, or http on localhost)');
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}
