import { Not, type DataSource, type Repository } from 'typeorm';
import type { CredentialsStatus, RefreshTokenStore, StoredRefreshToken } from '@escalade/partner-center';
import type { KeyRing, SealedSecret } from '@escalade/secrets';
import type { ResealCount } from '../secrets-at-rest';
import { PartnerCenterCredentialStatusEntity } from './partner-center-credential-status.entity';
import { PartnerCenterCredentialEntity } from './partner-center-credential.entity';

/** The credentials' status as a worker last wrote it. */
export type RecordedCredentialsStatus = CredentialsStatus & { updatedAt: string };

const REASON_LENGTH = 1000;
/** A replacement races at most with a worker inserting the first row: it then updates that row. */
const REPLACE_ATTEMPTS = 3;

/**
 * Partner Center's rotated refresh tokens, encrypted at rest with the key ring (the row's id as context; tokens sealed
 * before the key ring open as they were, its key ids being the same), and the credentials' status. Only PartnerCenterCredentials
 * reads a token back; the API replaces it (an operator's new consent) and reads the status.
 */
export class PartnerCenterCredentialStore implements RefreshTokenStore {
  private readonly rows: Repository<PartnerCenterCredentialEntity>;
  private readonly statuses: Repository<PartnerCenterCredentialStatusEntity>;

  constructor(
    dataSource: DataSource,
    private readonly keyRing: KeyRing,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.rows = dataSource.getRepository(PartnerCenterCredentialEntity);
    this.statuses = dataSource.getRepository(PartnerCenterCredentialStatusEntity);
  }

  async get(id: string): Promise<StoredRefreshToken | undefined> {
    const row = await this.rows.findOneBy({ id });
    if (!row) return undefined;
    return { refreshToken: this.keyRing.open(sealedOf(row), id), seedHash: row.seedHash, version: row.version };
  }

  async put(id: string, { refreshToken, seedHash }: Omit<StoredRefreshToken, 'version'>, expectedVersion: number): Promise<boolean> {
    const sealed = this.sealed(id, refreshToken);
    if (expectedVersion === 0) return this.insert({ id, ...sealed, seedHash, version: 1 });
    const { affected } = await this.rows.update({ id, version: expectedVersion }, { ...sealed, seedHash, version: expectedVersion + 1 });
    return affected === 1;
  }

  /**
   * Stores a refresh token from a new consent over whatever is stored, for the workers to take at their next renewal.
   * The stored token's seed is kept (the workers' configured token must not replace it), `seedHash` used only when
   * nothing is stored. Returns when it was stored (ISO 8601).
   */
  async replace(id: string, refreshToken: string, seedHash: string): Promise<string> {
    for (let attempt = 1; ; attempt += 1) {
      const sealed = this.sealed(id, refreshToken);
      const { affected } = await this.rows.update({ id }, { ...sealed, version: () => 'version + 1' });
      if (affected === 1 || (await this.insert({ id, ...sealed, seedHash, version: 1 }))) return sealed.updatedAt;
      if (attempt === REPLACE_ATTEMPTS) throw new Error(`The refresh token of ${id} could not be replaced: it changes under every attempt`);
    }
  }

  async recordStatus(id: string, { state, since, reason }: CredentialsStatus): Promise<void> {
    const row = { id, state, since: since ?? null, reason: reason?.slice(0, REASON_LENGTH) ?? null, updatedAt: this.clock().toISOString() };
    await this.statuses.upsert(row, ['id']);
  }

  async status(id: string): Promise<RecordedCredentialsStatus | undefined> {
    const row = await this.statuses.findOneBy({ id });
    if (!row) return undefined;
    return { state: row.state, since: row.since ?? undefined, reason: row.reason ?? undefined, updatedAt: row.updatedAt };
  }

  /**
   * Seals again under the current key the tokens an older key sealed; idempotent. The version stays: a worker renewing
   * meanwhile writes over it as it would have, with a token of its own sealing.
   */
  async resealStale(): Promise<ResealCount> {
    const sealed = await this.rows.count();
    let resealed = 0;
    for (const row of await this.rows.findBy({ encryptionKeyId: Not(this.keyRing.currentKeyId) })) {
      const { updatedAt: _unchanged, ...again } = this.sealed(row.id, this.keyRing.open(sealedOf(row), row.id));
      const { affected } = await this.rows.update({ id: row.id, version: row.version, encryptionKeyId: row.encryptionKeyId }, again);
      resealed += affected ?? 0;
    }
    return { sealed, resealed };
  }

  private sealed(id: string, refreshToken: string) {
    const { ciphertext, iv, authTag, keyId } = this.keyRing.seal(refreshToken, id);
    const updatedAt = this.clock().toISOString();
    return { refreshTokenCiphertext: ciphertext, refreshTokenIv: iv, refreshTokenAuthTag: authTag, encryptionKeyId: keyId, updatedAt };
  }

  /** False when another writer inserted the row first. */
  private async insert(row: PartnerCenterCredentialEntity): Promise<boolean> {
    try {
      await this.rows.insert(row);
      return true;
    } catch (err) {
      if (await this.rows.existsBy({ id: row.id })) return false;
      throw err;
    }
  }
}

function sealedOf(row: PartnerCenterCredentialEntity): SealedSecret {
  return { ciphertext: row.refreshTokenCiphertext, iv: row.refreshTokenIv, authTag: row.refreshTokenAuthTag, keyId: row.encryptionKeyId };
}
