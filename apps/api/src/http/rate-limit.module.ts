import { Module, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { AddressRateLimitGuard } from './address-rate-limit.guard';
import { PrincipalRateLimitGuard } from './principal-rate-limit.guard';

/** The hit counts of both limits, in memory: one API process, one count (several processes each count their own). */
@Module({ providers: [{ provide: ThrottlerStorage, useClass: ThrottlerStorageService }], exports: [ThrottlerStorage] })
class RateLimitStorageModule {}

@Module({ imports: [RateLimitStorageModule], providers: [{ provide: APP_GUARD, useClass: AddressRateLimitGuard }] })
class AddressRateLimitModule {}

@Module({ imports: [RateLimitStorageModule], providers: [{ provide: APP_GUARD, useClass: PrincipalRateLimitGuard }] })
class PrincipalRateLimitModule {}

/**
 * `authentication` (the module with the global AuthGuard) between the two rate limits: Nest runs global guards in the
 * order their modules are imported, so requests without a principal are limited per address before the credential is
 * checked, and principals per principal once it is known.
 */
export function rateLimitedAuthentication(authentication: Type): Type[] {
  return [AddressRateLimitModule, authentication, PrincipalRateLimitModule];
}
