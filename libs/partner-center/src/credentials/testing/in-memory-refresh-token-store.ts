import type { CredentialsStatus } from '../credentials-status';
import type { RefreshTokenStore, StoredRefreshToken } from '../refresh-token-store';

/** A RefreshTokenStore in memory, for tests. */
export class InMemoryRefreshTokenStore implements RefreshTokenStore {
  readonly tokens = new Map<string, StoredRefreshToken>();
  /** Every status written, oldest first. */
  readonly statuses: Array<{ key: string; status: CredentialsStatus }> = [];

  async get(key: string): Promise<StoredRefreshToken | undefined> {
    return this.tokens.get(key);
  }

  async put(key: string, token: Omit<StoredRefreshToken, 'version'>, expectedVersion: number): Promise<boolean> {
    if ((this.tokens.get(key)?.version ?? 0) !== expectedVersion) return false;
    this.tokens.set(key, { ...token, version: expectedVersion + 1 });
    return true;
  }

  async recordStatus(key: string, status: CredentialsStatus): Promise<void> {
    this.statuses.push({ key, status });
  }
}
