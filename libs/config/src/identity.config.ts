import { z } from 'zod';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

const guidList = z
  .string()
  .transform((value) => value.split(',').map((id) => id.trim().toLowerCase()).filter(Boolean))
  .refine((ids) => ids.length > 0 && ids.every((id) => GUID.test(id)), 'must be tenant ids (GUIDs), comma-separated');

/**
 * `{"<sign-in tenant>": ["<partner tenant>", …]}`: the resellers an indirect provider's staff act for; `["*"]`: every
 * partner tenant (the operator's own tenant, whose admins manage what is the whole deployment's).
 */
const tenantPartners = z
  .string()
  .transform((value, ctx) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be JSON' });
      return z.NEVER;
    }
  })
  .pipe(
    z.record(
      z.string().regex(GUID, 'keys must be tenant ids (GUIDs)'),
      z.array(z.string().regex(/^(\*|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, 'values must be arrays of partner tenant ids (GUIDs), or ["*"]')),
    ),
  )
  .transform((map) =>
    Object.fromEntries(Object.entries(map).map(([tenant, partners]) => [tenant.toLowerCase(), partners.map((p) => p.toLowerCase())])),
  );

/** Who may sign in: Entra ID's app registration for Escalade and the tenants it admits. */
export const identitySchema = {
  /** The interface the API listens on; local mode (no identity configured) allows loopback only. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Escalade's app registration (client) id in Entra ID: sign-in is configured when it and ENTRA_ALLOWED_TENANTS are. */
  ENTRA_CLIENT_ID: z.string().min(1).optional(),
  /** The `aud` tokens must carry; default `api://<ENTRA_CLIENT_ID>` (the client id itself is accepted too). */
  ENTRA_AUDIENCE: z.string().min(1).optional(),
  /** Tenants whose users may sign in; each token's issuer is pinned to its tenant. */
  ENTRA_ALLOWED_TENANTS: guidList.optional(),
  /** For indirect providers: the partner (reseller) tenants each sign-in tenant acts for besides its own. */
  ENTRA_TENANT_PARTNERS: tenantPartners.optional(),
  /** The scope the console asks for at sign-in; default `<audience>/access_as_user`. */
  ENTRA_SCOPE: z.string().min(1).optional(),
};

type Settings = z.infer<z.ZodObject<typeof identitySchema>> & { NODE_ENV: string; LOCAL_CONTAINER_STACK: boolean };

/** Sign-in is all configured or not at all; local mode listens on loopback only. (The API's own check: production demands it.) */
export function checkIdentity(settings: Settings, ctx: z.RefinementCtx): void {
  const problem = (name: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [name], message });
  const configured = identityConfigured(settings);
  if (settings.ENTRA_CLIENT_ID && !settings.ENTRA_ALLOWED_TENANTS) problem('ENTRA_ALLOWED_TENANTS', 'is required with ENTRA_CLIENT_ID');
  if (settings.ENTRA_ALLOWED_TENANTS && !settings.ENTRA_CLIENT_ID) problem('ENTRA_CLIENT_ID', 'is required with ENTRA_ALLOWED_TENANTS');
  if (!configured && !LOOPBACK.has(settings.HOST) && !settings.LOCAL_CONTAINER_STACK) {
    problem(
      'HOST',
      'must be a loopback address in local mode (no ENTRA_CLIENT_ID): the local admin key would be open to the network ' +
        "(in a container published on the host's loopback only: LOCAL_CONTAINER_STACK=true)",
    );
  }
  for (const tenant of Object.keys(settings.ENTRA_TENANT_PARTNERS ?? {})) {
    if (!settings.ENTRA_ALLOWED_TENANTS?.includes(tenant)) problem('ENTRA_TENANT_PARTNERS', `names tenant ${tenant}, which is not in ENTRA_ALLOWED_TENANTS`);
  }
}

/**
 * The API's check at start: production has no local mode. Not part of the schema, which the worker loads too: the
 * worker signs nobody in.
 */
export function identityProblems(settings: Pick<Settings, 'NODE_ENV' | 'ENTRA_CLIENT_ID' | 'ENTRA_ALLOWED_TENANTS'>): string[] {
  return settings.NODE_ENV === 'production' && !identityConfigured(settings)
    ? ['ENTRA_CLIENT_ID and ENTRA_ALLOWED_TENANTS are required with NODE_ENV=production: production has no local mode (docs/sign-in.md)']
    : [];
}

export function identityConfigured(settings: Pick<Settings, 'ENTRA_CLIENT_ID' | 'ENTRA_ALLOWED_TENANTS'>): boolean {
  return Boolean(settings.ENTRA_CLIENT_ID && settings.ENTRA_ALLOWED_TENANTS);
}
