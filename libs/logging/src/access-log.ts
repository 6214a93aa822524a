import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Level, Logger } from 'pino';
import type { Options } from 'pino-http';

/** What express adds to a request that the access log reads. */
interface RoutedRequest extends IncomingMessage {
  originalUrl?: string;
  baseUrl?: string;
  route?: { path?: unknown };
}

export interface AccessLogOptions {
  /** The request's id, which every line of the request carries (`reqId`); default a new UUID. */
  requestId?: (req: IncomingMessage, res: ServerResponse) => string;
  /** The level of a line for a success (below 400); default `info`. */
  successLevel?: Level;
  /** Paths machines call all day (probes, metrics scrapes): their successes are logged at `debug`. */
  quietPaths?: readonly string[];
}

/** The path without its query string, which may carry a token. */
function pathOf(req: RoutedRequest): string {
  return (req.originalUrl ?? req.url ?? '').split('?')[0];
}

/** The route the request matched (`/service-requests/:id`), else its path. */
function routeOf(req: RoutedRequest): string {
  const route = req.route?.path;
  return typeof route === 'string' ? `${req.baseUrl ?? ''}${route}` : pathOf(req);
}

function fieldsOf(req: RoutedRequest, res: ServerResponse, durationMs: number) {
  return { method: req.method, route: routeOf(req), status: res.statusCode, durationMs };
}

const messageOf = (req: RoutedRequest, res: ServerResponse) => `${req.method} ${routeOf(req)} ${res.statusCode}`;

/**
 * pino-http's options for one line a request, once answered: method, route, status and duration, at `error` for a 5xx.
 * Never its headers, query string or body; lines logged while it is handled carry its `reqId` only.
 */
export function accessLogOptions(logger: Logger, options: AccessLogOptions = {}): Options {
  const quiet = new Set(options.quietPaths);
  return {
    logger,
    genReqId: options.requestId ?? (() => randomUUID()),
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: (req, res, err) => {
      if (err || res.statusCode >= 500) return 'error';
      // A client's mistake (a 4xx) is no warning about the server; machines polling successfully are hardly news.
      if (res.statusCode >= 400) return 'info';
      return quiet.has(pathOf(req)) ? 'debug' : (options.successLevel ?? 'info');
    },
    customSuccessMessage: messageOf,
    customErrorMessage: messageOf,
    customSuccessObject: (req, res, { responseTime }) => fieldsOf(req, res, responseTime),
    customErrorObject: (req, res, _err, { responseTime }) => fieldsOf(req, res, responseTime),
  };
}
