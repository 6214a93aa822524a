import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** A caller's own id is kept when it is a plain token (a UUID, a trace id): nothing that could forge a log line. */
const WELL_FORMED = /^[A-Za-z0-9._:-]{1,128}$/;

/** Every response carries `X-Request-Id`: the caller's, when well formed, else a new UUID. */
export const assignRequestId: RequestHandler = (req, res, next) => {
  const offered = req.headers['x-request-id'];
  res.setHeader(REQUEST_ID_HEADER, typeof offered === 'string' && WELL_FORMED.test(offered) ? offered : randomUUID());
  next();
};

/** The id assignRequestId gave the request: every log line of the request carries it (`reqId`). */
export function requestIdOf(_req: unknown, res: ServerResponse): string {
  return String(res.getHeader(REQUEST_ID_HEADER));
}
