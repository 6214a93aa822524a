import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@escalade/config';
import { ApiKeyStore } from '@escalade/persistence';
import { Authenticator } from './authenticator';
import { ensureLocalAdminKey } from './local-admin-key';

/** With no identity configured, the local admin key is made sure of at start: `npm start`'s sign-in link uses it. */
@Injectable()
export class LocalMode implements OnApplicationBootstrap {
  private readonly logger = new Logger('LocalMode');
  /** The local admin key, once made sure of (local mode only). */
  adminKey?: string;

  constructor(
    private readonly authenticator: Authenticator,
    private readonly apiKeys: ApiKeyStore,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.authenticator.mode !== 'local') return;
    this.adminKey = await ensureLocalAdminKey(this.config.get('DATA_DIR', { infer: true }), this.apiKeys);
    this.logger.warn('LOCAL MODE: no identity configured (ENTRA_CLIENT_ID); API keys only, listening on loopback only');
  }
}
