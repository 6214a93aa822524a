import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A partner's idempotency key (the ticket id, unique per partner tenant) and the request it opened: kept for good,
 * unlike Temporal's closed workflows. It is also where a ticket id is looked up: its workflow id says where the ticket is.
 */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'partner_tenant_id', type: 'varchar', length: 36 })
  partnerTenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  key!: string;

  /** The request's fingerprint: a repeat must carry the same request. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint!: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 250 })
  workflowId!: string;

  @Column({ name: 'claimed_at', type: 'varchar', length: 32 })
  claimedAt!: string;

  /** Set once the workflow is known to be started: until then a repeat starts it (Temporal refuses a second run). */
  @Column({ name: 'started_at', type: 'varchar', length: 32, nullable: true })
  startedAt!: string | null;
}
