import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { AlertKind, DeliveryStatus } from '@escalade/alerting';

/** One alert for one subscription: the exact body to send, and how sending it went so far. */
@Entity({ name: 'alert_deliveries' })
export class AlertDeliveryEntity {
  /** `<alertKey>:<subscriptionId>`, sent as the Idempotency-Key header. */
  @PrimaryColumn({ type: 'varchar', length: 300 })
  id!: string;

  @Column({ name: 'alert_key', type: 'varchar', length: 250 })
  alertKey!: string;

  @Column({ name: 'subscription_id', type: 'varchar', length: 36 })
  subscriptionId!: string;

  @Index('idx_alert_deliveries_ticket_id')
  @Column({ name: 'ticket_id', type: 'varchar', length: 200 })
  ticketId!: string;

  /**
   * The partner tenant of the ticket (lower-case GUID): who may see the delivery. Null for an alert raised without one
   * (a workflow started before partner isolation) or a row whose ticket's partner could not be found: only principals
   * acting for every partner see those.
   */
  @Column({ name: 'partner_tenant_id', type: 'varchar', length: 36, nullable: true })
  partnerTenantId!: string | null;

  @Column({ type: 'varchar', length: 20 })
  kind!: AlertKind;

  /** The JSON body, byte for byte what every attempt sends (and signs). */
  @Column({ type: 'text' })
  payload!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: DeliveryStatus;

  @Column({ name: 'attempts', type: 'int' })
  attemptCount!: number;

  /**
   * Why the last attempt failed, in our words: `HTTP 500`, `redirect not followed (HTTP 302)`, `timeout: …`,
   * `connection refused`, `refused: <the destination rule>` … Never anything the receiver answered.
   */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  /** Held for the recipient's quiet hours until then (status `held`); kept once released, to show it was held. */
  @Column({ name: 'held_until', type: 'varchar', length: 32, nullable: true })
  heldUntil!: string | null;

  /** The first successful attempt. */
  @Column({ name: 'delivered_at', type: 'varchar', length: 32, nullable: true })
  deliveredAt!: string | null;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt!: string;
}

@Entity({ name: 'alert_delivery_attempts' })
export class AlertDeliveryAttemptEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Index('idx_alert_delivery_attempts_delivery_id')
  @Column({ name: 'delivery_id', type: 'varchar', length: 300 })
  deliveryId!: string;

  @Column({ name: 'attempted_at', type: 'varchar', length: 32 })
  attemptedAt!: string;

  @Column({ name: 'http_status', type: 'int', nullable: true })
  httpStatus!: number | null;

  /** The attempt's reason, as AlertDeliveryEntity.lastError; null when delivered. */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'varchar', length: 20 })
  outcome!: 'delivered' | 'failed';
}
