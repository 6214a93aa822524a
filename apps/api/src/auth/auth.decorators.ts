import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal, Role } from './principal';

export const PUBLIC_ROUTE = 'escalade:public';
export const REQUIRED_ROLE = 'escalade:required-role';

/** Open without credentials: health, the console's files, sign-in. Everything else needs a principal. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The least role a route needs; without it a route needs `viewer` (any authenticated principal). */
export const RequiresRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

export const EVERY_PARTNER_ROUTE = 'escalade:every-partner';

/**
 * The whole deployment's, not one partner's (Partner Center's credentials, parked events of every partner): needs a
 * principal bound to every partner tenant (the local admin key, an API key for `*`, or an operator tenant mapped to `*`).
 */
export const ForEveryPartner = () => SetMetadata(EVERY_PARTNER_ROUTE, true);

export type AuthenticatedRequest = Request & { principal?: Principal };

/** The principal the guard authenticated for this request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const { principal } = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!principal) throw new Error('CurrentPrincipal on a route without the auth guard');
  return principal;
});
