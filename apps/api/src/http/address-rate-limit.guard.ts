import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import type { Request } from 'express';
import type { AppConfig } from '@escalade/config';
import { isPublicRoute } from '../auth/authorize';
import { credentialOf } from '../auth/credential';
import { RateLimitGuard } from './rate-limit.guard';

/**
 * RATE_LIMIT_PER_IP for what no principal answers for: requests without credentials, and public routes (sign-in, the
 * console's files). It runs before authentication, so a flood of them costs no credential check or database lookup.
 * The address is the client's (IPv6 by its /64), or the proxy's unless TRUST_PROXY names it.
 */
@Injectable()
export class AddressRateLimitGuard extends RateLimitGuard {
  // Every parameter names its token: ThrottlerGuard's own (options, storage) would otherwise be inherited by position.
  constructor(
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    @Inject(Reflector) reflector: Reflector,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    super(config.get('RATE_LIMIT_PER_IP', { infer: true }), 'from one address without credentials', storage, reflector);
  }

  protected applies(context: ExecutionContext, req: Request): boolean {
    return isPublicRoute(this.reflector, context) || credentialOf(req) === undefined;
  }
}
