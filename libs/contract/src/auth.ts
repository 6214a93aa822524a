/** What a principal may do; each role includes the ones before it (a coordinator also reads, an admin also writes). */
export const ROLES = ['viewer', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who the session is (`GET /auth/me`, `POST /auth/session`). */
export interface SignedIn {
  kind: 'user' | 'api-key';
  name: string;
  objectId: string;
  tenantId?: string;
  role: Role;
  /** `['*']`: every partner tenant. */
  partnerTenantIds: string[];
}

/** Entra ID's authorization endpoint is `${authority}/${tenant}/oauth2/v2.0/authorize`; `scope` is the API's. */
export interface EntraSettings {
  clientId: string;
  authority: string;
  tenant: string;
  scope: string;
}

/** How the console signs in (`GET /auth/config`): the local admin key's link, or Entra ID. */
export type SignInConfig = { mode: 'local' } | { mode: 'entra'; entra: EntraSettings };
