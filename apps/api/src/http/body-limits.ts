const KB = 1024;

interface RouteLimit {
  method?: string;
  path: RegExp;
  bytes: number;
}

/**
 * The most bytes of body each route reads (413 beyond, before the body is parsed). Sized on the longest valid body,
 * with every character escaped as `\uXXXX` (6 bytes, as Python's json.dumps writes non-ASCII), and room to spare.
 * Routes match case-insensitively, as Express routes them.
 */
const ROUTE_LIMITS: readonly RouteLimit[] = [
  // A 10,000-character description (60 kB escaped) and the rest of the ticket.
  { method: 'POST', path: /^\/service-requests\/?$/i, bytes: 128 * KB },
  // The same request, checked without opening a ticket.
  { method: 'POST', path: /^\/eligibility\/check\/?$/i, bytes: 128 * KB },
  // A ticket action: a note or resolution of up to 5,000 characters (30 kB escaped).
  { method: 'POST', path: /^\/service-requests\/[^/]+\/[^/]+\/?$/i, bytes: 64 * KB },
  // An Entra ID access token of up to 16,000 characters.
  { method: 'POST', path: /^\/auth\/session\/?$/i, bytes: 32 * KB },
  // Temporal payloads to encode or decode for the Web UI and CLI: up to Temporal's own 2 MB a payload, in base64.
  { method: 'POST', path: /^\/codec\/(en|de)code\/?$/i, bytes: 4 * KB * KB },
];

/** Every other body: API keys, alert subscriptions, Partner Center's refresh token. */
export const DEFAULT_BODY_LIMIT = 16 * KB;

/** The body limit of `method path` (the path without its query), in bytes. */
export function bodyLimitOf(method: string, path: string): number {
  const route = ROUTE_LIMITS.find((limit) => (limit.method ?? method) === method.toUpperCase() && limit.path.test(path));
  return route?.bytes ?? DEFAULT_BODY_LIMIT;
}

/** `64 kB`, `4 MB`: a limit as a person reads it (binary units, as body-parser counts them). */
export function describeBytes(bytes: number): string {
  if (bytes >= KB * KB && bytes % (KB * KB) === 0) return `${bytes / (KB * KB)} MB`;
  if (bytes >= KB && bytes % KB === 0) return `${bytes / KB} kB`;
  return `${bytes} bytes`;
}
