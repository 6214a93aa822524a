import { Logger, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { loadSupportTopicNames, type AppConfig } from '@escalade/config';
import { InProcessMicrosoftSupport, MicrosoftSupport } from '@escalade/microsoft-support';
import {
  ClientCertificate,
  PartnerCenterClient,
  PartnerCenterCredentials,
  PartnerCenterMicrosoftSupport,
  SupportTopicCatalogue,
  type ClientCredential,
  type TokenProvider,
} from '@escalade/partner-center';
import { PartnerCenterCredentialStore } from '@escalade/persistence';

type Config = ConfigService<AppConfig, true>;

/** MICROSOFT_SUPPORT chooses where tickets are filed: Partner Center's API (real, or our simulator of it) or in-process. */
export const microsoftSupportProvider: Provider = {
  provide: MicrosoftSupport,
  inject: [ConfigService, PartnerCenterCredentialStore],
  useFactory: (config: Config, store: PartnerCenterCredentialStore | null): MicrosoftSupport => {
    if (config.get('MICROSOFT_SUPPORT', { infer: true }) === 'in-process') return new InProcessMicrosoftSupport();
    return new PartnerCenterMicrosoftSupport(
      new PartnerCenterClient({
        baseUrl: config.get('PARTNER_CENTER_URL', { infer: true }),
        agentLocale: config.get('PARTNER_CENTER_AGENT_LOCALE', { infer: true }),
        tokenProvider: partnerCenterTokens(config, store),
      }),
      {
        supportTopicNames: loadSupportTopicNames({ SUPPORT_TOPICS_FILE: config.get('SUPPORT_TOPICS_FILE', { infer: true }) }),
        supportTopicCatalogue: { ttlMs: config.get('SUPPORT_TOPICS_TTL_MS', { infer: true }), logger: new Logger(SupportTopicCatalogue.name) },
      },
    );
  },
};

/**
 * The app credentials when configured (the configuration checks they are complete, with the encryption key behind the
 * store); otherwise a static development token, which the configuration refuses in production.
 */
function partnerCenterTokens(config: Config, store: PartnerCenterCredentialStore | null): TokenProvider {
  const clientId = config.get('PARTNER_CENTER_CLIENT_ID', { infer: true });
  const tenantId = config.get('PARTNER_CENTER_TENANT_ID', { infer: true });
  const refreshToken = config.get('PARTNER_CENTER_REFRESH_TOKEN', { infer: true });
  if (clientId === undefined) {
    const token = config.get('PARTNER_CENTER_TOKEN', { infer: true }) ?? 'simulator';
    return async () => token;
  }
  if (tenantId === undefined || refreshToken === undefined || !store) throw new Error('Incomplete Partner Center app credentials');
  return new PartnerCenterCredentials({
    authorityUrl: config.get('ENTRA_AUTHORITY_URL', { infer: true }),
    tenantId,
    clientId,
    credential: clientCredential(config),
    refreshToken,
    store,
    scope: config.get('PARTNER_CENTER_SCOPE', { infer: true }),
    renewalSkewMs: config.get('PARTNER_CENTER_TOKEN_RENEWAL_SKEW_MS', { infer: true }),
    logger: new Logger(PartnerCenterCredentials.name),
  });
}

function clientCredential(config: Config): ClientCredential {
  const clientSecret = config.get('PARTNER_CENTER_CLIENT_SECRET', { infer: true });
  if (clientSecret !== undefined) return { clientSecret };
  const certificatePath = config.get('PARTNER_CENTER_CLIENT_CERTIFICATE_PATH', { infer: true }) ?? '';
  const keyPath = config.get('PARTNER_CENTER_CLIENT_KEY_PATH', { infer: true }) ?? '';
  return { certificate: ClientCertificate.fromFiles(certificatePath, keyPath) };
}
