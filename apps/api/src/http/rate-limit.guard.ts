import { type ExecutionContext, HttpException, HttpStatus } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerStorage } from '@nestjs/throttler';
import type { Request } from 'express';

export const RATE_LIMIT_WINDOW_MS = 60_000;

/**
 * Never limited: what orchestrators and load balancers poll, often from an address shared with other traffic (a proxy,
 * a node). A 429 there takes the instance out of rotation, turning the flood a limit exists to absorb into an outage
 * for everyone; and their cost is bounded (live answers from memory, ready runs five checks of at most 2 s each).
 */
const EXEMPT_PATHS = new Set(['/health', '/health/live', '/health/ready']);

const isExempt = (req: Request) => EXEMPT_PATHS.has(req.path.replace(/\/+$/, '').toLowerCase());

/**
 * One budget of `limit` requests a minute (a sliding window) per tracker, across every route, for the requests
 * `applies` picks: a 429 with Retry-After (seconds until a request leaves the window) and a JSON body beyond.
 */
export abstract class RateLimitGuard extends ThrottlerGuard {
  protected constructor(
    limit: number,
    /** Whose budget it is, in the 429's message: "per principal", "from one address without credentials". */
    private readonly per: string,
    storage: ThrottlerStorage,
    reflector: Reflector,
  ) {
    // blockDuration 0: no penalty beyond the window; a refused request does not count.
    super({ throttlers: [{ name: 'default', limit, ttl: RATE_LIMIT_WINDOW_MS, blockDuration: 0 }] }, storage, reflector);
  }

  protected abstract applies(context: ExecutionContext, req: Request): boolean;

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    return isExempt(req) || !this.applies(context, req);
  }

  /** The tracker alone (throttler's default adds the route): one budget for all routes. */
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${this.constructor.name}:${name}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, { limit, timeToBlockExpire }: ThrottlerLimitDetail): Promise<void> {
    throw new HttpException(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'Too Many Requests',
        message: `Too many requests: at most ${limit} a minute ${this.per}; retry in ${timeToBlockExpire} s (Retry-After)`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
