import { type MigrationInterface, type QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';

/**
 * The append-only event log. The unique (stream_id, stream_version) constraint lets exactly one writer win each
 * version of a stream; event_id is unique on its own so a retried append can be recognised.
 * `name` lets the append benchmark build a scratch table with the same columns; the migration uses 'events'.
 */
export function eventsTable(databaseType: string, name = 'events'): Table {
  const text = (column: string, length: number) => ({ name: column, type: 'varchar', length: String(length) });
  const globalPosition = {
    name: 'global_position',
    // SQLite: AUTOINCREMENT needs exactly INTEGER PRIMARY KEY and never reuses a rowid. PostgreSQL: BIGSERIAL.
    type: databaseType === 'postgres' ? 'bigint' : 'integer',
    isPrimary: true,
    isGenerated: true,
    generationStrategy: 'increment' as const,
    primaryKeyConstraintName: `pk_${name}`,
  };
  return new Table({
    name,
    columns: [
      globalPosition,
      text('stream_id', 200),
      { name: 'stream_version', type: 'int' },
      text('event_id', 200),
      text('type', 200),
      { name: 'data', type: 'text' },
      { name: 'metadata', type: 'text' },
      text('recorded_at', 32),
    ],
    uniques: [
      new TableUnique({ name: `uq_${name}_stream_version`, columnNames: ['stream_id', 'stream_version'] }),
      new TableUnique({ name: `uq_${name}_event_id`, columnNames: ['event_id'] }),
    ],
    indices: [new TableIndex({ name: `idx_${name}_type`, columnNames: ['type'] })],
  });
}

export class CreateEvents1764000000001 implements MigrationInterface {
  name = 'CreateEvents1764000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(eventsTable(queryRunner.connection.driver.options.type));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('events');
  }
}
