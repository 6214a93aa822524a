import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A ticket stream that refused the workflow's events for good (see JOURNAL_FAULT_FAILURE): its ticket stopped recording. */
@Entity({ name: 'journal_faults' })
export class JournalFaultEntity {
  @PrimaryColumn({ name: 'stream_id', type: 'varchar', length: 250 })
  streamId!: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 250 })
  workflowId!: string;

  @Column({ type: 'varchar', length: 1000 })
  reason!: string;

  @Column({ name: 'faulted_at', type: 'varchar', length: 32 })
  faultedAt!: string;
}
