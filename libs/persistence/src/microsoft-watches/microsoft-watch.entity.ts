import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A filed ticket the worker's watch poller follows at Microsoft, with the last state of it that was signalled. */
@Entity({ name: 'microsoft_watches' })
export class MicrosoftWatchEntity {
  @PrimaryColumn({ name: 'microsoft_ticket_id', type: 'varchar', length: 50 })
  microsoftTicketId!: string;

  @Column({ name: 'ticket_id', type: 'varchar', length: 200 })
  ticketId!: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 250 })
  workflowId!: string;

  /** Partner Center's status as last signalled. */
  @Column({ type: 'varchar', length: 30 })
  status!: string;

  /** How many of the ticket's notes have been signalled. */
  @Column({ name: 'note_count', type: 'int' })
  noteCount!: number;

  @Column({ name: 'followed_at', type: 'varchar', length: 32 })
  followedAt!: string;
}
