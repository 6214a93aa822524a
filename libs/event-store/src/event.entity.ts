import { Column, Entity, Index, PrimaryColumn, Unique, type ValueTransformer } from 'typeorm';

/** PostgreSQL returns bigint columns as strings; positions stay far below 2^53. */
const bigintAsNumber: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => (value === null || value === undefined ? value : Number(value)),
};

/**
 * A row of the append-only `events` table, for reporting queries. Write and read events through EventStore;
 * the schema comes from the CreateEvents migration (never synchronize), which makes global_position an
 * INTEGER PRIMARY KEY AUTOINCREMENT on SQLite and a BIGSERIAL on PostgreSQL. data and metadata hold JSON text.
 */
@Entity({ name: 'events' })
@Unique('uq_events_stream_version', ['streamId', 'streamVersion'])
@Unique('uq_events_event_id', ['eventId'])
export class EventEntity {
  @PrimaryColumn({
    name: 'global_position',
    type: 'bigint',
    generated: 'increment',
    primaryKeyConstraintName: 'pk_events',
    transformer: bigintAsNumber,
  })
  globalPosition!: number;

  @Column({ name: 'stream_id', type: 'varchar', length: 200 })
  streamId!: string;

  @Column({ name: 'stream_version', type: 'int' })
  streamVersion!: number;

  @Column({ name: 'event_id', type: 'varchar', length: 200 })
  eventId!: string;

  @Index('idx_events_type')
  @Column({ type: 'varchar', length: 200 })
  type!: string;

  @Column({ type: 'text' })
  data!: string;

  @Column({ type: 'text' })
  metadata!: string;

  @Column({ name: 'recorded_at', type: 'varchar', length: 32 })
  recordedAt!: string;
}
