import { type ExecutionContext, ForbiddenException } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { EVERY_PARTNER_ROUTE, PUBLIC_ROUTE, REQUIRED_ROLE } from './auth.decorators';
import { hasRole, type Principal, type Role } from './principal';

/** The route is open without credentials (`@Public()`). */
export function isPublicRoute(reflector: Reflector, context: ExecutionContext): boolean {
  return reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]) ?? false;
}

/** What the route asks of an authenticated principal: its role (`viewer` unless it says more) and partner breadth. */
export function authorize(reflector: Reflector, context: ExecutionContext, principal: Principal): void {
  const targets = [context.getHandler(), context.getClass()];
  const needed = reflector.getAllAndOverride<Role>(REQUIRED_ROLE, targets) ?? 'viewer';
  if (!hasRole(principal, needed)) {
    throw new ForbiddenException(`This needs the ${needed} role; ${principal.name} has ${principal.role}`);
  }
  if (reflector.getAllAndOverride<boolean>(EVERY_PARTNER_ROUTE, targets) && !principal.partners.all) {
    throw new ForbiddenException(`This is the whole deployment's: it needs a principal bound to every partner tenant; ${principal.name} is not`);
  }
}
