import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Operation } from './operations';

export interface LoggedRequest {
  /** When it arrived, ISO 8601 with milliseconds. */
  at: string;
  operation: Operation;
  method: string;
  path: string;
  /** The answer's HTTP status, once sent. */
  status?: number;
}

const KEPT = 10_000;

/** The Partner Center and token requests received, so a test can check when a client came back (after Retry-After?). */
@Injectable()
export class RequestLog {
  private readonly entries: LoggedRequest[] = [];

  record(operation: Operation, req: Request, res: Response): void {
    const entry: LoggedRequest = { at: new Date().toISOString(), operation, method: req.method, path: req.originalUrl };
    res.once('finish', () => (entry.status = res.statusCode));
    this.entries.push(entry);
    if (this.entries.length > KEPT) this.entries.shift();
  }

  /** Oldest first; `since` (ISO 8601) keeps those received at or after it. */
  since(since?: string): LoggedRequest[] {
    return this.entries.filter((entry) => since === undefined || entry.at >= since).map((entry) => ({ ...entry }));
  }
}
