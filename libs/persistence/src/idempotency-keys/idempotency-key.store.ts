import type { DataSource, Repository } from 'typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

export type IdempotencyKey = IdempotencyKeyEntity;

/** The idempotency keys of opened tickets, with their requests' fingerprints. */
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
  async claim({ key, fingerprint, workflowId }: Pick<IdempotencyKey, 'key' | 'fingerprint' | 'workflowId'>): Promise<IdempotencyKey> {
    await this.keys
      .createQueryBuilder()
      .insert()
      .values({ key, fingerprint, workflowId, claimedAt: this.clock().toISOString(), startedAt: null })
      .orIgnore()
      .execute();
    return this.keys.findOneByOrFail({ key });
  }

  async markStarted(key: string): Promise<void> {
    await this.keys.update({ key }, { startedAt: this.clock().toISOString() });
  }
}
