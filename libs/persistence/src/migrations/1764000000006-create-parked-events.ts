import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

export class CreateParkedEvents1764000000006 implements MigrationInterface {
  name = 'CreateParkedEvents1764000000006';

  async up(queryRunner: QueryRunner): Promise<void> {
    const text = (name: string, length: number) => ({ name, type: 'varchar', length: String(length) });
    await queryRunner.createTable(
      new Table({
        name: 'parked_events',
        columns: [
          { name: 'global_position', type: 'bigint', isPrimary: true },
          text('stream_id', 200),
          { name: 'stream_version', type: 'int' },
          text('type', 200),
          text('reason', 500),
          text('parked_at', 32),
        ],
      }),
    );
    await queryRunner.createIndex('parked_events', new TableIndex({ name: 'idx_parked_events_stream', columnNames: ['stream_id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('parked_events');
  }
}
