import { isUtf8 } from 'node:buffer';
import type { HttpException } from '@nestjs/common';
import { json, type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import { jsonDepth } from './json-text';
import { UNSUPPORTED_ENCODING, unsupportedBody } from './media-type';
import { invalidRequest, payloadTooLarge, unsupportedMediaType } from './validation-exception.factory';

const BODY_LIMIT = '256kb';
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

/** Parses every body requireJsonBody let through, refusing text that is not UTF-8 or nests too deep before JSON.parse. */
export const parseJsonBody: RequestHandler = json({
  limit: BODY_LIMIT,
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

/** body-parser's errors as the API's own 4xx, naming `body`; anything else goes on to the exception filters. */
export const refuseUnreadableBody: ErrorRequestHandler = (err: unknown, _req, _res, next) => {
  next(bodyRefusal(err) ?? err);
};

function bodyRefusal(err: unknown): HttpException | undefined {
  if (!(err instanceof Error) || !('type' in err)) return undefined;
  const body = (problem: string) => [{ field: 'body', problems: [problem] }];
  switch (err.type) {
    case 'entity.too.large':
      return payloadTooLarge(body(`body must be at most ${BODY_LIMIT}`));
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
