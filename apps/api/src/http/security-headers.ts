import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { HardeningSettings } from './hardening-settings';

type Directives = Record<string, string[]>;

/**
 * The console's policy: its own files only, no inline script or style (Vite emits none; Preact sets styles through
 * the CSSOM, which CSP allows), no plug-ins, no framing, no <base>, forms posting nowhere else. Its scripts talk to
 * the API, and to Entra ID's token endpoint when Entra sign-in is configured.
 */
export function consolePolicy({ entraAuthorityOrigin, production }: HardeningSettings): Directives {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...(entraAuthorityOrigin ? [entraAuthorityOrigin] : [])],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    // Local mode serves plain http on loopback, where an upgrade would break every request.
    ...(production ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/**
 * Swagger UI's (/docs): the same, but for the inline <style> blocks and style attributes in the page Nest's
 * SwaggerModule writes. Its scripts are files (swagger-ui-init.js included), so script-src stays 'self'. Chosen over
 * a nonce because the page is SwaggerModule's, not ours to rewrite on every request, and styles cannot run code.
 */
export function docsPolicy(settings: HardeningSettings): Directives {
  return { ...consolePolicy(settings), 'style-src': ["'self'", "'unsafe-inline'"] };
}

const isDocs = (path: string) => path === '/docs' || path.startsWith('/docs/') || path === '/docs-json' || path === '/docs-yaml';

const withPolicy = (directives: Directives): RequestHandler =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    hidePoweredBy: true,
  });

/** helmet's headers on every response (errors included), with the console's policy, or Swagger UI's under /docs. */
export function securityHeaders(settings: HardeningSettings): RequestHandler {
  const api = withPolicy(consolePolicy(settings));
  const docs = withPolicy(docsPolicy(settings));
  return (req, res, next) => (isDocs(req.path) ? docs : api)(req, res, next);
}
