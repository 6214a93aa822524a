import type { Request } from 'express';

/** The console's session: the credential it signed in with, in an http-only, same-site cookie (EventSource sends it). */
export const SESSION_COOKIE = 'escalade_session';

/** The credential a request carries: `Authorization: Bearer`, `X-API-Key`, or the console's session cookie. */
export function credentialOf(request: Request): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match ? match[1] : '';
  }
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string') return apiKey.trim();
  return cookieOf(request, SESSION_COOKIE);
}

function cookieOf(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return '';
      }
    }
  }
  return undefined;
}
