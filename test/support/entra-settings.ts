import type { TestIssuer } from '@escalade/api/testing';

export interface EntraTenants {
  /** Tenants whose users may sign in (ENTRA_ALLOWED_TENANTS). */
  allowed: readonly string[];
  /** The partner tenants each sign-in tenant acts for besides its own (ENTRA_TENANT_PARTNERS). */
  partners?: Readonly<Record<string, readonly string[]>>;
}

/**
 * The settings that put the API in Entra mode, trusting the test issuer: `escalade-test` as client id, so that the
 * issuer's default audience (`api://escalade-test`) is the API's.
 */
export function entraSettings(issuer: Pick<TestIssuer, 'authority'>, { allowed, partners = {} }: EntraTenants): Record<string, string> {
  return {
    ENTRA_CLIENT_ID: 'escalade-test',
    ENTRA_ALLOWED_TENANTS: allowed.join(','),
    ENTRA_AUTHORITY_URL: issuer.authority,
    ENTRA_TENANT_PARTNERS: JSON.stringify(partners),
  };
}
