import type { NextFunction, Request, Response } from 'express';

const ECHOED_HEADERS = ['MS-CorrelationId', 'MS-RequestId'];

/** Partner Center returns the caller's MS-CorrelationId and MS-RequestId, errors included, so calls can be traced. */
export function echoRequestIds(req: Request, res: Response, next: NextFunction): void {
  for (const name of ECHOED_HEADERS) {
    const value = req.header(name);
    if (value) res.setHeader(name, value);
  }
  next();
}
