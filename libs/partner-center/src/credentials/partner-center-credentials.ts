import type { AccessTokenSource } from '../access-token-source';
import { PartnerCenterCredentialsError } from '../partner-center.errors';
import type { ClientCredential, RedeemedRefreshToken } from './entra-token-endpoint';
import { EntraTokenEndpoint, RENEWAL_OPERATION, redact } from './entra-token-endpoint';
import { CredentialsHealth, type CredentialsStatus } from './credentials-status';
import { CredentialsStatusRecorder } from './credentials-status-recorder';
import { credentialsKey, seedHashOf, type RefreshTokenStore, type StoredRefreshToken } from './refresh-token-store';

export const DEFAULT_ENTRA_AUTHORITY_URL = 'https://login.microsoftonline.com';
/** Partner Center's delegated permission (user_impersonation) and a refresh token in every answer. */
export const DEFAULT_PARTNER_CENTER_SCOPE = 'https://api.partnercenter.microsoft.com/.default offline_access';
export const DEFAULT_RENEWAL_SKEW_MS = 5 * 60_000;
const DEFAULT_TIMEOUT_MS = 15_000;

export interface PartnerCenterCredentialsOptions {
  /** Default https://login.microsoftonline.com; our simulator's URL in development and tests. */
  authorityUrl?: string;
  /** The partner's tenant (GUID or domain). */
  tenantId: string;
  /** The Entra ID app's client id. */
  clientId: string;
  credential: ClientCredential;
  /** The refresh token obtained once through consent: it seeds the store (see PartnerCenterCredentials). */
  refreshToken: string;
  /** Where rotated refresh tokens are kept, and the status is written for the API. */
  store: RefreshTokenStore;
  /** Default https://api.partnercenter.microsoft.com/.default offline_access */
  scope?: string;
  /** How long before expiry a token is renewed; at most half of a token's lifetime. Default 5 minutes. */
  renewalSkewMs?: number;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
  /** Milliseconds since the epoch. */
  now?: () => number;
  logger?: { warn(message: string): void };
}

interface CachedToken {
  token: string;
  renewAt: number;
  expiresAt: number;
}

/** The refresh token to redeem next, and the store's version a write of its successor expects. */
interface HeldRefreshToken {
  refreshToken: string;
  version: number;
}

/**
 * App+User access tokens for Partner Center by the Secure Application Model: the refresh token obtained once through
 * consent is redeemed at Entra ID's token endpoint for short-lived access tokens; each answer brings a new refresh
 * token, kept in the store (`<tenant>/<client id>`), which is used from then on. The configured refresh token seeds the
 * store: it is used when nothing is stored or when it differs from the one the stored token descends from.
 *
 * The store is read again before each renewal, and after Entra ID refuses a token: a token put there meanwhile (by an
 * operator through the API, or by another worker's rotation) is taken up without a restart. Each rotated token is
 * written conditionally on the version read; a worker that loses that race takes the winner's token.
 *
 * Entra ID is called directly, not through @azure/msal-node: MSAL refuses any authority but https (our simulator is
 * plain http on loopback), and keeps the rotated refresh token inside its own cache instead of returning it, so
 * persisting it would mean parsing MSAL's serialized cache.
 */
export class PartnerCenterCredentials implements AccessTokenSource {
  private readonly endpoint: EntraTokenEndpoint;
  private readonly health: CredentialsHealth;
  private readonly storeKey: string;
  private readonly seedHash: string;
  private readonly renewalSkewMs: number;
  private readonly now: () => number;
  private held?: HeldRefreshToken;
  private cached?: CachedToken;
  private renewal?: Promise<string>;

  constructor(private readonly options: PartnerCenterCredentialsOptions) {
    this.now = options.now ?? Date.now;
    this.endpoint = new EntraTokenEndpoint({
      authorityUrl: options.authorityUrl ?? DEFAULT_ENTRA_AUTHORITY_URL,
      tenantId: options.tenantId,
      clientId: options.clientId,
      credential: options.credential,
      scope: options.scope ?? DEFAULT_PARTNER_CENTER_SCOPE,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      fetch: options.fetch ?? globalThis.fetch,
      now: this.now,
    });
    this.storeKey = credentialsKey(options.tenantId, options.clientId);
    const warn = (message: string) => options.logger?.warn(message);
    const recorder = new CredentialsStatusRecorder((status) => options.store.recordStatus(this.storeKey, status), this.now, warn);
    this.health = new CredentialsHealth(this.now, (status) => recorder.record(status));
    this.seedHash = seedHashOf(options.refreshToken);
    this.renewalSkewMs = options.renewalSkewMs ?? DEFAULT_RENEWAL_SKEW_MS;
  }

  /** The cached access token, or a renewed one; concurrent callers share one renewal. */
  async accessToken(): Promise<string> {
    const cached = this.cached;
    if (cached && this.now() < cached.renewAt) return cached.token;
    try {
      this.renewal ??= this.renew().finally(() => (this.renewal = undefined));
      return await this.renewal;
    } catch (err) {
      // A renewal due early that fails leaves the current token good until it expires.
      if (cached && this.cached === cached && this.now() < cached.expiresAt) return cached.token;
      throw err;
    }
  }

  /** Forgets `token` (any token when omitted) unless a renewal already replaced it: the next accessToken() renews. */
  invalidate(token?: string): void {
    if (token === undefined || this.cached?.token === token) this.cached = undefined;
  }

  partnerCenterAccepted(): void {
    this.health.succeeded('partner-center');
  }

  partnerCenterRefused(reason: string): void {
    this.health.failed('partner-center', reason);
  }

  status(): CredentialsStatus {
    return this.health.status();
  }

  private async renew(): Promise<string> {
    const askedAt = this.now();
    try {
      const { accessToken, lifetimeMs } = await this.redeemLatest();
      const skewMs = Math.min(this.renewalSkewMs, lifetimeMs / 2);
      this.cached = { token: accessToken, renewAt: askedAt + lifetimeMs - skewMs, expiresAt: askedAt + lifetimeMs };
      this.health.succeeded('renewal');
      return accessToken;
    } catch (err) {
      this.health.failed('renewal', (err as Error).message);
      throw err;
    }
  }

  /** Redeems the latest refresh token; when Entra ID refuses it and the store now holds another, that one is tried once. */
  private async redeemLatest(): Promise<RedeemedRefreshToken> {
    const first = await this.latestRefreshToken();
    try {
      return await this.redeem(first);
    } catch (err) {
      if (!(err instanceof PartnerCenterCredentialsError)) throw err;
      const latest = await this.latestRefreshToken();
      if (latest.refreshToken === first.refreshToken) throw err;
      return this.redeem(latest);
    }
  }

  private async redeem(held: HeldRefreshToken): Promise<RedeemedRefreshToken> {
    const redeemed = await this.endpoint.redeem(held.refreshToken);
    if (redeemed.refreshToken && redeemed.refreshToken !== held.refreshToken) await this.keep(redeemed.refreshToken, held.version);
    return redeemed;
  }

  /**
   * The stored token when another writer put it there since we last looked (same seed, another version); else the one
   * held, or the configured one to begin with. A store that cannot be read is an error only when no token is held.
   */
  private async latestRefreshToken(): Promise<HeldRefreshToken> {
    let stored: StoredRefreshToken | undefined;
    try {
      stored = await this.options.store.get(this.storeKey);
    } catch (err) {
      const reason = `cannot read the stored refresh token: ${this.redacted(err)}`;
      if (!this.held) throw new PartnerCenterCredentialsError(RENEWAL_OPERATION, 'refresh-token-unreadable', reason, { cause: err });
      this.options.logger?.warn(`Partner Center credentials: ${reason}; the one in memory is used`);
      return this.held;
    }
    const version = stored?.version ?? 0;
    if (stored?.seedHash === this.seedHash && stored.version !== this.held?.version) {
      this.held = { refreshToken: stored.refreshToken, version };
    } else {
      this.held = { refreshToken: this.held?.refreshToken ?? this.options.refreshToken, version };
    }
    return this.held;
  }

  /**
   * Stores the rotated token, conditionally on the version its predecessor came with. Lost to another writer: their
   * token is used from now on. Storing failed: the rotated one is used anyway, and stored at the next rotation.
   */
  private async keep(rotated: string, expectedVersion: number): Promise<void> {
    this.held = { refreshToken: rotated, version: expectedVersion };
    try {
      if (await this.options.store.put(this.storeKey, { refreshToken: rotated, seedHash: this.seedHash }, expectedVersion)) {
        this.held = { refreshToken: rotated, version: expectedVersion + 1 };
      } else {
        await this.latestRefreshToken();
      }
    } catch (err) {
      this.options.logger?.warn(`Partner Center credentials: the rotated refresh token could not be stored: ${this.redacted(err)}`);
    }
  }

  private redacted(err: unknown): string {
    const secrets = [this.options.refreshToken, this.held?.refreshToken ?? ''];
    if ('clientSecret' in this.options.credential) secrets.push(this.options.credential.clientSecret);
    return redact((err as Error).message, secrets);
  }
}
