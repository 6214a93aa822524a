import type { DataSource } from 'typeorm';
import { deliveryIdOf, type AlertDeliveries, type DeliveryStatus, type WebhookAlert } from '@escalade/alerting';
import { wherePartnerIn, type PartnerTenants } from '../partner-tenants';
import { AlertDeliveryAttemptEntity, AlertDeliveryEntity } from './alert-delivery.entity';
import type { AlertSubscriptionEntity } from './alert-subscription.entity';

export type AlertDeliveryDetail = AlertDeliveryEntity & { attempts: AlertDeliveryAttemptEntity[] };

export interface AttemptRecord {
  httpStatus?: number;
  error?: string;
  delivered: boolean;
}

/** What a delivery records of its alert. */
export type DeliveredAlert = Pick<WebhookAlert, 'alertKey' | 'kind' | 'ticketId' | 'partnerTenantId'>;

export interface DeliveryFilters {
  ticketId?: string;
  status?: DeliveryStatus;
  limit: number;
}

// Plain SQL that SQLite (3.35+) and PostgreSQL both run: a retried prepare leaves the first row as it was.
const INSERT_ONCE = `INSERT INTO alert_deliveries (id, alert_key, subscription_id, ticket_id, partner_tenant_id, kind, payload,
  status, held_until, attempts, last_error, created_at, delivered_at, updated_at)
VALUES (:id, :alertKey, :subscriptionId, :ticketId, :partnerTenantId, :kind, :payload, :status, :heldUntil, 0, NULL, :now, NULL, :now)
ON CONFLICT (id) DO NOTHING`;

export class AlertDeliveryStore implements AlertDeliveries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * The delivery of this alert to this subscription, created on the first call — pending, or held until `heldUntil`
   * (quiet hours) — and returned unchanged after; it belongs to the alert's partner tenant (none when the alert has none).
   */
  async prepare(
    { alertKey, kind, ticketId, partnerTenantId }: DeliveredAlert,
    subscription: Pick<AlertSubscriptionEntity, 'id'>,
    payload: object,
    heldUntil?: string,
  ): Promise<AlertDeliveryEntity> {
    const id = deliveryIdOf(alertKey, subscription.id);
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(
      INSERT_ONCE,
      {
        id,
        alertKey,
        subscriptionId: subscription.id,
        ticketId,
        partnerTenantId: partnerTenantId?.toLowerCase() ?? null,
        kind,
        payload: JSON.stringify(payload),
        status: heldUntil ? 'held' : 'pending',
        heldUntil: heldUntil ?? null,
        now: this.clock().toISOString(),
      },
      {},
    );
    await this.dataSource.query(sql, parameters);
    return this.dataSource.getRepository(AlertDeliveryEntity).findOneByOrFail({ id });
  }

  /**
   * Adds the attempt and counts it. Success marks the delivery delivered; a failure records its reason and releases a
   * held one (pending: retried from now), so a dead delivery stays dead and a delivered one stays delivered when a
   * re-send fails.
   */
  async recordAttempt(deliveryId: string, attempt: AttemptRecord): Promise<AlertDeliveryEntity> {
    const now = this.clock().toISOString();
    return this.dataSource.transaction(async (manager) => {
      const update = manager
        .createQueryBuilder()
        .update(AlertDeliveryEntity)
        .where('id = :deliveryId', { deliveryId })
        .setParameters({ now });
      const { affected } = await (attempt.delivered
        ? update.set({
            attemptCount: () => 'attempts + 1',
            status: 'delivered',
            lastError: null,
            deliveredAt: () => 'COALESCE(delivered_at, :now)',
            updatedAt: now,
          })
        : update.set({
            attemptCount: () => 'attempts + 1',
            status: () => "CASE WHEN status = 'held' THEN 'pending' ELSE status END",
            lastError: attempt.error ?? null,
            updatedAt: now,
          })
      ).execute();
      if (!affected) throw new Error(`No alert delivery "${deliveryId}"`);
      await manager.insert(AlertDeliveryAttemptEntity, {
        deliveryId,
        attemptedAt: now,
        httpStatus: attempt.httpStatus ?? null,
        error: attempt.error ?? null,
        outcome: attempt.delivered ? 'delivered' : 'failed',
      });
      return manager.findOneByOrFail(AlertDeliveryEntity, { id: deliveryId });
    });
  }

  /** Gives up on the delivery (its retries are spent); one already delivered stays delivered. */
  async markDead(deliveryId: string, reason: string): Promise<AlertDeliveryEntity | undefined> {
    await this.dataSource
      .createQueryBuilder()
      .update(AlertDeliveryEntity)
      .set({ status: 'dead', lastError: reason, updatedAt: this.clock().toISOString() })
      .where('id = :deliveryId AND status <> :delivered', { deliveryId, delivered: 'delivered' })
      .execute();
    return (await this.dataSource.getRepository(AlertDeliveryEntity).findOneBy({ id: deliveryId })) ?? undefined;
  }

  /** Newest first, of the tickets of `partners` only (those without a partner tenant only for 'all'). */
  async list({ ticketId, status, limit }: DeliveryFilters, partners: PartnerTenants): Promise<AlertDeliveryEntity[]> {
    const query = this.dataSource.getRepository(AlertDeliveryEntity).createQueryBuilder('d');
    if (ticketId !== undefined) query.andWhere('d.ticketId = :ticketId', { ticketId });
    if (status !== undefined) query.andWhere('d.status = :status', { status });
    return wherePartnerIn(query, 'd.partnerTenantId', partners)
      .orderBy('d.createdAt', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .take(limit)
      .getMany();
  }

  /**
   * The delivery with its attempts, oldest first; undefined when there is none, or when it belongs to a partner
   * tenant not among `partners` (or to none, and `partners` is not 'all').
   */
  async get(id: string, partners: PartnerTenants): Promise<AlertDeliveryDetail | undefined> {
    const query = this.dataSource.getRepository(AlertDeliveryEntity).createQueryBuilder('d').where('d.id = :id', { id });
    const delivery = await wherePartnerIn(query, 'd.partnerTenantId', partners).getOne();
    if (!delivery) return undefined;
    const attempts = await this.dataSource
      .getRepository(AlertDeliveryAttemptEntity)
      .find({ where: { deliveryId: id }, order: { id: 'ASC' } });
    return { ...delivery, attempts };
  }
}
