import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import type { AppConfig } from '@escalade/config';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { isPublicRoute } from '../auth/authorize';
import { RateLimitGuard } from './rate-limit.guard';

/**
 * RATE_LIMIT_PER_PRINCIPAL for each authenticated principal (an API key, an Entra user), whatever address it calls
 * from. It runs after authentication, which tells who the principal is (see rateLimitedAuthentication).
 */
@Injectable()
export class PrincipalRateLimitGuard extends RateLimitGuard {
  // Every parameter names its token: ThrottlerGuard's own (options, storage) would otherwise be inherited by position.
  constructor(
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    @Inject(Reflector) reflector: Reflector,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    super(config.get('RATE_LIMIT_PER_PRINCIPAL', { infer: true }), 'per principal', storage, reflector);
  }

  protected applies(context: ExecutionContext, req: AuthenticatedRequest): boolean {
    if (isPublicRoute(this.reflector, context)) return false;
    if (!req.principal) throw new Error('PrincipalRateLimitGuard ran before authentication: import it after AuthModule (rateLimitedAuthentication)');
    return true;
  }

  protected override async getTracker(req: AuthenticatedRequest): Promise<string> {
    const { kind, tenantId, objectId } = req.principal as NonNullable<AuthenticatedRequest['principal']>;
    return `${kind}:${tenantId ?? '-'}:${objectId}`;
  }
}
