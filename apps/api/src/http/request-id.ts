import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** A caller's own id is kept when it is a plain token (a UUID, a trace id): nothing that could forge a log line. */
const WELL_FORMED = /^[A-Za-z0-9._:-]{1,128}$/;

const requestIds = new AsyncLocalStorage<string>();

/** The id of the request being handled (in the middleware, guards, handlers and filters that serve it). */
export function currentRequestId(): string | undefined {
  return requestIds.getStore();
}

/**
 * Every response carries `X-Request-Id`: the caller's, when well formed, else a new UUID. The rest of the request runs
 * with it in scope, so the API's logs name it (RequestIdLogger).
 */
export const assignRequestId: RequestHandler = (req, res, next) => {
  const offered = req.headers['x-request-id'];
  const id = typeof offered === 'string' && WELL_FORMED.test(offered) ? offered : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  requestIds.run(id, next);
};
