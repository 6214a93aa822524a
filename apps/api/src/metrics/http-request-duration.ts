import type { NextFunction, Request, Response } from 'express';
import { httpRequestDuration } from '@escalade/metrics';

/**
 * Times every request into `escalade_http_request_duration_seconds`, by method, status and the template of the route
 * that answered it (`/service-requests/:id`, never the URL itself); `unmatched` when none did (an unknown path, or a
 * request refused before routing). First in the chain, so that those refusals are timed too.
 */
export function timeHttpRequests(req: Request, res: Response, next: NextFunction): void {
  const done = httpRequestDuration.startTimer();
  res.once('finish', () => done({ method: req.method, route: routeOf(req), status: String(res.statusCode) }));
  next();
}

/** The last route Express entered: a controller's, or, when none matched, a wildcard one of Nest's middleware (`{/*splat}`). */
function routeOf(req: Request): string {
  const template: unknown = req.route?.path;
  return typeof template === 'string' && !template.includes('*') ? `${req.baseUrl}${template}` : 'unmatched';
}
