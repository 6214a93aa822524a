import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@escalade/config';
import { credentialsKey, seedHashOf, type CredentialsStatus } from '@escalade/partner-center';
import { PartnerCenterCredentialStore } from '@escalade/persistence';

/** The worker's view of the credentials, as it last wrote it; `not-used` when tickets are filed without them. */
export type CredentialsView = { state: 'not-used' } | (CredentialsStatus & { updatedAt?: string });

export interface StoredRefreshTokenReceipt {
  status: 'stored';
  storedAt: string;
}

interface AppRegistration {
  key: string;
  /** Of the configured refresh token: the seed of a first stored token, as the worker would write it. */
  seedHash: string;
  store: PartnerCenterCredentialStore;
}

/**
 * Partner Center's app credentials as the API sees them, through the worker's table: their status, and a new refresh
 * token to store. The API reads the same settings as the worker (MICROSOFT_SUPPORT, the app and tenant ids, the
 * configured refresh token, SECRETS_ENCRYPTION_KEY) to know whether and under which key the worker uses them.
 */
@Injectable()
export class PartnerCenterCredentialsService {
  private readonly app?: AppRegistration;

  constructor(config: ConfigService<AppConfig, true>, @Inject(PartnerCenterCredentialStore) store: PartnerCenterCredentialStore | null) {
    const clientId = config.get('PARTNER_CENTER_CLIENT_ID', { infer: true });
    const tenantId = config.get('PARTNER_CENTER_TENANT_ID', { infer: true });
    const refreshToken = config.get('PARTNER_CENTER_REFRESH_TOKEN', { infer: true });
    const used = config.get('MICROSOFT_SUPPORT', { infer: true }) !== 'in-process';
    if (used && clientId !== undefined && tenantId !== undefined && refreshToken !== undefined && store) {
      this.app = { key: credentialsKey(tenantId, clientId), seedHash: seedHashOf(refreshToken), store };
    }
  }

  async status(): Promise<CredentialsView> {
    if (!this.app) return { state: 'not-used' };
    return (await this.app.store.status(this.app.key)) ?? { state: 'unknown' };
  }

  /** The workers take it at their next renewal: at once for those failing, whose blocked tickets then file by themselves. */
  async replaceRefreshToken(refreshToken: string): Promise<StoredRefreshTokenReceipt> {
    if (!this.app) {
      throw new ConflictException(
        "Tickets are filed without Partner Center app credentials (MICROSOFT_SUPPORT=in-process, or no PARTNER_CENTER_CLIENT_ID): " +
          "there is no refresh token to replace. The API needs the worker's Partner Center settings (docs/partner-center-credentials.md)",
      );
    }
    const storedAt = await this.app.store.replace(this.app.key, refreshToken, this.app.seedHash);
    return { status: 'stored', storedAt };
  }
}
