import { ForbiddenException } from '@nestjs/common';
import type { Request, RequestHandler } from 'express';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const CROSS_ORIGIN_RULE =
  "state-changing requests (POST, PUT, PATCH, DELETE) are taken from the API's own origin (the console), the Temporal " +
  'Web UI (TEMPORAL_UI_URL) or clients that send no Origin (curl, servers), never from another site';

/** `https://host:port` of an Origin header, or undefined for `null` and anything unparsable (never ours). */
function originOf(header: string): URL | undefined {
  try {
    const url = new URL(header);
    return url.origin === 'null' ? undefined : url;
  } catch {
    return undefined;
  }
}

/**
 * The API's own origin: the page came from the host the request went to (`req.host`: X-Forwarded-Host from a proxy
 * TRUST_PROXY names, else Host). The host alone, with its port, not the scheme: behind a proxy that ends TLS the API
 * sees plain http for a page the browser loaded over https.
 */
function isOwnOrigin(origin: URL, req: Request): boolean {
  try {
    return Boolean(req.host) && new URL(`${origin.protocol}//${req.host}`).host === origin.host;
  } catch {
    return false;
  }
}

/**
 * Cross-site request forgery, refused before a byte of body is read: a state-changing request whose Origin is neither
 * the API's own nor a trusted one (`trustedOrigins`), or that has no Origin but says it is cross-site
 * (`Sec-Fetch-Site`), is a 403 naming the rule. Requests without either header (curl, servers) pass: no browser sends
 * a cross-site write without them, and the console's cookie is SameSite=Strict besides.
 */
export function refuseCrossOriginWrites(trustedOrigins: readonly string[]): RequestHandler {
  const trusted = new Set(trustedOrigins);
  return (req, _res, next) => {
    if (!STATE_CHANGING.has(req.method)) return next();
    const header = req.headers.origin;
    if (header === undefined) {
      return next(req.headers['sec-fetch-site'] === 'cross-site' ? refusal('a cross-site page (Sec-Fetch-Site: cross-site)') : undefined);
    }
    const origin = originOf(header);
    if (origin && (isOwnOrigin(origin, req) || trusted.has(origin.origin))) return next();
    next(refusal(origin ? origin.origin : `Origin ${JSON.stringify(header.slice(0, 100))}`));
  };
}

function refusal(from: string): ForbiddenException {
  return new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: `Cross-origin request refused (from ${from}): ${CROSS_ORIGIN_RULE}` });
}
