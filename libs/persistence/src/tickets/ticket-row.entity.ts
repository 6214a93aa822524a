import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { FollowUpTarget, Product, Severity, TicketOutcome, TicketStatus } from '@escalade/domain';

/** One row per ticket: the `tickets` read model, derived from the event log (see TicketsProjection). */
@Entity({ name: 'tickets' })
@Index('idx_tickets_opened', ['openedAt', 'key'])
@Index('idx_tickets_partner_id', ['partnerTenantId', 'id'])
export class TicketRow {
  /** The ticket's stream key: `<partner tenant>~<id>`, or the bare id of a ticket opened before ids were per partner. */
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key!: string;

  /** The partner's own ticket id, unique per partner tenant. */
  @Column({ type: 'varchar', length: 200 })
  id!: string;

  @Column({ name: 'partner_tenant_id', type: 'varchar', length: 36 })
  partnerTenantId!: string;

  @Index('idx_tickets_status')
  @Column({ type: 'varchar', length: 30 })
  status!: TicketStatus;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 1 })
  severity!: Severity;

  @Column({ type: 'varchar', length: 30 })
  product!: Product;

  @Column({ type: 'varchar', length: 200 })
  customer!: string;

  @Column({ name: 'customer_domain', type: 'varchar', length: 253 })
  customerDomain!: string;

  @Column({ type: 'varchar', length: 200 })
  partner!: string;

  @Column({ name: 'microsoft_ticket_id', type: 'varchar', length: 50, nullable: true })
  microsoftTicketId!: string | null;

  @Column({ name: 'response_due_at', type: 'varchar', length: 32, nullable: true })
  responseDueAt!: string | null;

  /** The breach warning went out (the policy's warning share of the window has passed without an answer). */
  @Column({ type: 'boolean', default: false })
  warned!: boolean;

  @Column({ type: 'boolean' })
  breached!: boolean;

  @Column({ name: 'escalation_level', type: 'int' })
  escalationLevel!: number;

  @Column({ type: 'varchar', length: 30, nullable: true })
  outcome!: TicketOutcome | null;

  @Column({ name: 'opened_at', type: 'varchar', length: 32 })
  openedAt!: string;

  @Column({ name: 'closed_at', type: 'varchar', length: 32, nullable: true })
  closedAt!: string | null;

  // What the SLA reports measure (see TicketSummary).
  @Column({ name: 'filed_at', type: 'varchar', length: 32, nullable: true })
  filedAt!: string | null;

  @Column({ name: 'responded_at', type: 'varchar', length: 32, nullable: true })
  respondedAt!: string | null;

  @Column({ name: 'update_misses', type: 'int', default: 0 })
  updateMisses!: number;

  @Column({ name: 'reply_misses', type: 'int', default: 0 })
  replyMisses!: number;

  @Column({ name: 'follow_up_target', type: 'varchar', length: 20, nullable: true })
  followUpTarget!: FollowUpTarget | null;

  @Column({ name: 'follow_up_round', type: 'int', nullable: true })
  followUpRound!: number | null;

  @Column({ name: 'follow_up_due_at', type: 'varchar', length: 32, nullable: true })
  followUpDueAt!: string | null;

  @Column({ name: 'follow_up_breached', type: 'boolean', default: false })
  followUpBreached!: boolean;

  @Column({ name: 'paused_ms', type: 'bigint', default: 0, transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  pausedMs!: number;

  @Column({ name: 'paused_since', type: 'varchar', length: 32, nullable: true })
  pausedSince!: string | null;

  @Column({
    name: 'resolution_ms',
    type: 'bigint',
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) },
  })
  resolutionMs!: number | null;

  @Column({ type: 'int' })
  version!: number;
}

/** How far each projection has read the event log. */
@Entity({ name: 'projection_checkpoints' })
export class ProjectionCheckpoint {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  position!: number;
}
