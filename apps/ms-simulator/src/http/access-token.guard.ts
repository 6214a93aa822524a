import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AccessTokens } from '../entra/access-tokens.service';
import { unauthorized } from '../errors/partner-center.exception';

/** Partner Center takes only access tokens Entra ID issued for it (signature, audience, tenant, expiry, MFA): else 401. */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(private readonly accessTokens: AccessTokens) {}

  canActivate(context: ExecutionContext): boolean {
    const authorization = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (!token) throw unauthorized('An Authorization: Bearer <access token> header is required');
    const check = this.accessTokens.check(token);
    if (!check.valid) throw unauthorized(`Access denied: ${check.reason}`);
    return true;
  }
}
