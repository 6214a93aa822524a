import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An event the tickets projection could not fold, or that follows one in its stream: kept aside, in order, for
 * `npm run projections:replay-parked` once a fix is deployed, while every other ticket goes on.
 */
@Entity({ name: 'parked_events' })
export class ParkedEvent {
  /** The event's global position in the log. */
  @PrimaryColumn({
    name: 'global_position',
    type: 'bigint',
    transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) },
  })
  position!: number;

  @Index('idx_parked_events_stream')
  @Column({ name: 'stream_id', type: 'varchar', length: 200 })
  streamId!: string;

  @Column({ name: 'stream_version', type: 'int' })
  streamVersion!: number;

  @Column({ type: 'varchar', length: 200 })
  type!: string;

  /** Why it was parked, in one line. */
  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ name: 'parked_at', type: 'varchar', length: 32 })
  parkedAt!: string;
}
