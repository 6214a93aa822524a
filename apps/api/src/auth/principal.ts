import { ROLES, type Role } from '@escalade/contract';
import type { Actor } from '@escalade/domain';

export { ROLES, type Role };

/** Entra ID app roles (the token's `roles` claim) and the role each grants. */
export const ENTRA_APP_ROLES: Readonly<Record<string, Role>> = {
  'Escalade.Viewer': 'viewer',
  'Escalade.Coordinator': 'coordinator',
  'Escalade.Admin': 'admin',
};

/** The partner tenants a principal acts for: listed ones, or every one (the local admin key). */
export type PartnerScope = { all: true } | { all: false; tenantIds: readonly string[] };

/** Who is calling, from a verified credential: an Entra ID user (or app) or an API key. */
export interface Principal {
  kind: Actor['kind'];
  /** The user's name (`name`, else `preferred_username`), or the API key's name. */
  name: string;
  /** Entra's `oid`, or the API key's id. */
  objectId: string;
  /** Entra's `tid`; absent for an API key. */
  tenantId?: string;
  role: Role;
  partners: PartnerScope;
}

export function hasRole(principal: Pick<Principal, 'role'>, needed: Role): boolean {
  return ROLES.indexOf(principal.role) >= ROLES.indexOf(needed);
}

/** The highest role among those granted (Entra may grant several app roles); undefined when none is ours. */
export function highestRole(roles: Iterable<Role>): Role | undefined {
  let best: Role | undefined;
  for (const role of roles) if (!best || ROLES.indexOf(role) > ROLES.indexOf(best)) best = role;
  return best;
}

export function actsFor(principal: Pick<Principal, 'partners'>, partnerTenantId: string): boolean {
  return principal.partners.all || principal.partners.tenantIds.includes(partnerTenantId.toLowerCase());
}

/** The principal as recorded on the events it causes. */
export function actorOf(principal: Principal): Actor {
  return { kind: principal.kind, name: principal.name, objectId: principal.objectId, ...(principal.tenantId ? { tenantId: principal.tenantId } : {}) };
}

/** The principal's partner tenants as the stores' queries take them. */
export function partnerTenantsOf(principal: Pick<Principal, 'partners'>): 'all' | readonly string[] {
  return principal.partners.all ? 'all' : principal.partners.tenantIds;
}
