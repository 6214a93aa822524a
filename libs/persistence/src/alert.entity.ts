import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An escalation alert as raised by a ticket's workflow; times are ISO-8601 UTC strings, portable across SQLite and PostgreSQL. */
@Entity({ name: 'alerts' })
export class AlertEntity {
  @PrimaryColumn({ name: 'alert_id', type: 'varchar', length: 200 })
  alertId!: string;

  @Index('idx_alerts_ticket_id')
  @Column({ name: 'ticket_id', type: 'varchar', length: 200 })
  ticketId!: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 250 })
  workflowId!: string;

  @Column({ type: 'int' })
  level!: number;

  @Column({ type: 'varchar', length: 100 })
  audience!: string;

  @Column({ type: 'varchar', length: 1 })
  severity!: string;

  @Column({ type: 'varchar', length: 50 })
  product!: string;

  @Column({ type: 'varchar', length: 200 })
  customer!: string;

  @Column({ name: 'microsoft_ticket_id', type: 'varchar', length: 50, nullable: true })
  microsoftTicketId!: string | null;

  @Column({ name: 'response_due_at', type: 'varchar', length: 32 })
  responseDueAt!: string;

  @Column({ name: 'breached_at', type: 'varchar', length: 32 })
  breachedAt!: string;

  @Column({ name: 'raised_at', type: 'varchar', length: 32 })
  raisedAt!: string;
}
