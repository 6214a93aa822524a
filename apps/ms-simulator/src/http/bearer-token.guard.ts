import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { PartnerCenterException } from '../errors/partner-center.exception';

/** Any bearer token is accepted (nothing here is secret); a call without one gets Partner Center's 401. */
@Injectable()
export class BearerTokenGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const authorization = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    if (/^Bearer\s+\S+/i.test(authorization)) return true;
    throw new PartnerCenterException(401, 'Unauthorized', 'An Authorization: Bearer <access token> header is required');
  }
}
