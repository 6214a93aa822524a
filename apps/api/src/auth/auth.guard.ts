import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from './auth.decorators';
import { Authenticator } from './authenticator';
import { authorize, isPublicRoute } from './authorize';
import { credentialOf } from './credential';

/** Every route needs a principal with its role (`viewer` unless it says more), unless it is marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (isPublicRoute(this.reflector, context)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.principal = await this.authenticator.authenticate(credentialOf(request));
    authorize(this.reflector, context, request.principal);
    return true;
  }
}
