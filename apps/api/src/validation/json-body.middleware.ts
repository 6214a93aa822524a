import { isUtf8 } from 'node:buffer';
import type { HttpException } from '@nestjs/common';
import { json, type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import { describeBytes } from '../http/body-limits';
import { jsonDepth } from './json-text';
import { UNSUPPORTED_ENCODING, unsupportedBody } from './media-type';
import { invalidRequest, payloadTooLarge, unsupportedMediaType } from './validation-exception.factory';

/** Our deepest body nests three objects; far deeper input only costs stack and time. */
const MAX_BODY_DEPTH = 10;

const hasBody = (req: Request) => Number(req.headers['content-length']) > 0 || req.headers['transfer-encoding'] !== undefined;

/** A body must be uncompressed JSON in UTF-8: anything else is a 415 before a byte of it is read. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const problem = hasBody(req) ? unsupportedBody(req.headers['content-type'], req.headers['content-encoding']) : undefined;
  next(problem && unsupportedMediaType([problem]));
};

class BodyRefused extends Error {
  readonly status = 400;
}

const parserWithin = (limit: number): RequestHandler =>
  json({
    limit,
    strict: true,
    inflate: false,
    type: () => true,
    verify: (_req, _res, text: Buffer) => {
      if (!isUtf8(text)) throw new BodyRefused('body is not valid UTF-8');
      if (jsonDepth(text, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
        throw new BodyRefused(`body nests objects and arrays more than ${MAX_BODY_DEPTH} levels deep`);
      }
    },
  });

/**
 * Parses every body requireJsonBody let through, within its route's limit (`limitOf`, in bytes: a 413 beyond, read no
 * further), refusing text that is not UTF-8 or nests too deep before JSON.parse.
 */
export function parseJsonBody(limitOf: (req: Request) => number): RequestHandler {
  const parsers = new Map<number, RequestHandler>();
  return (req, res, next) => {
    const limit = limitOf(req);
    let parser = parsers.get(limit);
    if (!parser) parsers.set(limit, (parser = parserWithin(limit)));
    parser(req, res, next);
  };
}

/** body-parser's errors as the API's own 4xx, naming `body`; anything else goes on to the exception filters. */
export const refuseUnreadableBody: ErrorRequestHandler = (err: unknown, req, _res, next) => {
  next(bodyRefusal(err, req) ?? err);
};

function bodyRefusal(err: unknown, req: Request): HttpException | undefined {
  if (!(err instanceof Error) || !('type' in err)) return undefined;
  const body = (problem: string) => [{ field: 'body', problems: [problem] }];
  switch (err.type) {
    case 'entity.too.large':
      return payloadTooLarge(body(`body must be at most ${describeBytes(limitOf(err))}, the limit of ${req.method} on this route`));
    case 'entity.parse.failed':
      return invalidRequest(body(`body is not valid JSON (an object): ${err.message}`));
    case 'entity.verify.failed':
      return invalidRequest(body(err.message));
    case 'request.aborted':
      return invalidRequest(body('body ended before it was complete'));
    case 'request.size.invalid':
      return invalidRequest(body('body length does not match its Content-Length'));
    case 'encoding.unsupported': // an empty body that says it is compressed
      return unsupportedMediaType([UNSUPPORTED_ENCODING]);
    default:
      return undefined;
  }
}

/** body-parser's too-large error carries the limit it applied. */
const limitOf = (err: Error): number => Number((err as Error & { limit?: number }).limit);

