import type { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { identityConfigured, type AppConfig } from '@escalade/config';

/** What the HTTP hardening reads from the configuration. */
export interface HardeningSettings {
  production: boolean;
  /** Entra ID's origin, where the console's sign-in redeems its code (connect-src), when Entra sign-in is configured. */
  entraAuthorityOrigin?: string;
  /** Origins besides the API's own that may send state-changing requests: the Temporal Web UI's (the codec endpoint). */
  trustedOrigins: string[];
  /** Express's `trust proxy` (TRUST_PROXY): unset, the socket's address is the client's. */
  trustProxy?: number | string[];
}

/** The app's configuration, or none for a bare app (a spec's module without appConfigModule()): nothing trusted. */
export function hardeningSettingsOf(app: INestApplication): HardeningSettings {
  let config: ConfigService<AppConfig, true>;
  try {
    // Through ModuleRef: the app itself would end the process on a missing provider (abortOnError).
    config = app.get(ModuleRef).get(ConfigService<AppConfig, true>, { strict: false });
  } catch {
    return { production: false, trustedOrigins: [] };
  }
  const entra = identityConfigured({
    ENTRA_CLIENT_ID: config.get('ENTRA_CLIENT_ID', { infer: true }),
    ENTRA_ALLOWED_TENANTS: config.get('ENTRA_ALLOWED_TENANTS', { infer: true }),
  });
  return {
    production: config.get('NODE_ENV', { infer: true }) === 'production',
    entraAuthorityOrigin: entra ? new URL(config.get('ENTRA_AUTHORITY_URL', { infer: true })).origin : undefined,
    trustedOrigins: [new URL(config.get('TEMPORAL_UI_URL', { infer: true })).origin],
    trustProxy: config.get('TRUST_PROXY', { infer: true }),
  };
}
