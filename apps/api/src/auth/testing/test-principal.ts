// For API specs that build a testing module with one feature module and no AuthGuard: the principal comes from a
// header, and routes keep their role checks. Never part of an application module.
import { type CanActivate, type ExecutionContext, Injectable, type Provider, UnauthorizedException } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from '../auth.decorators';
import { authorize, isPublicRoute } from '../authorize';
import type { Principal, Role } from '../principal';

/** The request header carrying the principal as JSON (see principalHeader). */
export const TEST_PRINCIPAL_HEADER = 'x-test-principal';

/** Like AuthGuard, but it believes the principal the request names in TEST_PRINCIPAL_HEADER: 401 without one. */
@Injectable()
export class TestPrincipalGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (isPublicRoute(this.reflector, context)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers[TEST_PRINCIPAL_HEADER];
    if (typeof header !== 'string') throw new UnauthorizedException(`No ${TEST_PRINCIPAL_HEADER} header`);
    request.principal = JSON.parse(header) as Principal;
    authorize(this.reflector, context, request.principal);
    return true;
  }
}

/** Add to a testing module's providers: every route then needs TEST_PRINCIPAL_HEADER. */
export const testPrincipalGuard: Provider = { provide: APP_GUARD, useClass: TestPrincipalGuard };

/** A principal acting for the listed partner tenants, or for every one with `'*'`; an admin unless told otherwise. */
export function aPrincipal(
  partners: readonly string[] | '*',
  role: Role = 'admin',
  name = `${role} of ${partners === '*' ? 'every partner' : partners.join(', ')}`,
): Principal {
  return {
    kind: 'api-key',
    name,
    objectId: `test-${name}`,
    role,
    partners: partners === '*' ? { all: true } : { all: false, tenantIds: partners.map((tenantId) => tenantId.toLowerCase()) },
  };
}

/** The header that makes TestPrincipalGuard authenticate the principal: `.set(...principalHeader(principal))`. */
export function principalHeader(principal: Principal): [string, string] {
  return [TEST_PRINCIPAL_HEADER, JSON.stringify(principal)];
}
