import { type DataSource, In, type Repository } from 'typeorm';
import type { PartnerTenants } from '../partner-tenants';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

export type IdempotencyKey = IdempotencyKeyEntity;

type KeyOf = Pick<IdempotencyKey, 'partnerTenantId' | 'key'>;

/** The idempotency keys of opened tickets, per partner tenant, with their requests' fingerprints and workflows. */
export class IdempotencyKeyStore {
  private readonly keys: Repository<IdempotencyKeyEntity>;

  constructor(
    dataSource: DataSource,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.keys = dataSource.getRepository(IdempotencyKeyEntity);
  }

  /**
   * Records the key for this request unless it is already recorded, and returns what is stored for it: this request's
   * claim, or an earlier one (whose fingerprint tells whether it was the same request). The database settles races.
   */
  async claim({ partnerTenantId, key, fingerprint, workflowId }: KeyOf & Pick<IdempotencyKey, 'fingerprint' | 'workflowId'>): Promise<IdempotencyKey> {
    await this.keys
      .createQueryBuilder()
      .insert()
      .values({ partnerTenantId, key, fingerprint, workflowId, claimedAt: this.clock().toISOString(), startedAt: null })
      .orIgnore()
      .execute();
    return this.keys.findOneByOrFail({ partnerTenantId, key });
  }

  async markStarted({ partnerTenantId, key }: KeyOf): Promise<void> {
    await this.keys.update({ partnerTenantId, key }, { startedAt: this.clock().toISOString() });
  }

  /** The tickets with this id among the partners' (one per partner tenant at most), optionally of one partner only. */
  async find(key: string, partners: PartnerTenants): Promise<IdempotencyKey[]> {
    if (partners !== 'all' && partners.length === 0) return [];
    const partnerTenantId = partners === 'all' ? undefined : In([...partners]);
    return this.keys.find({ where: { key, ...(partnerTenantId ? { partnerTenantId } : {}) }, order: { partnerTenantId: 'ASC' } });
  }
}
