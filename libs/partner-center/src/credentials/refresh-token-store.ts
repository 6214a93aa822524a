import { createHash } from 'node:crypto';
import type { CredentialsStatus } from './credentials-status';

/** A refresh token as kept between runs. */
export interface StoredRefreshToken {
  refreshToken: string;
  /** SHA-256 (hex) of the configured refresh token this one descends from: a different configured token replaces it. */
  seedHash: string;
  /** 1 for the first token stored under a key, one more at each write; a key without a token is at version 0. */
  version: number;
}

/**
 * Where the rotated refresh token is kept (encrypted at rest by the implementation), one per key, with the credentials'
 * status for the API's readiness. Several workers share it: each write of a token is conditional on the version its
 * writer read, so that a worker that lost a race learns it and takes the winner's token.
 */
export interface RefreshTokenStore {
  /** Undefined when none is stored; throws when the stored one cannot be read. */
  get(key: string): Promise<StoredRefreshToken | undefined>;
  /** Stores the token if the key is still at `expectedVersion` (it is then at expectedVersion + 1); false when another writer came first. */
  put(key: string, token: Omit<StoredRefreshToken, 'version'>, expectedVersion: number): Promise<boolean>;
  /** The status of the credentials, as the worker that writes last sees them; never a token. */
  recordStatus(key: string, status: CredentialsStatus): Promise<void>;
}

/** The store's key for one app in one tenant. */
export function credentialsKey(tenantId: string, clientId: string): string {
  return `${tenantId}/${clientId}`;
}

export function seedHashOf(configuredRefreshToken: string): string {
  return createHash('sha256').update(configuredRefreshToken).digest('hex');
}
