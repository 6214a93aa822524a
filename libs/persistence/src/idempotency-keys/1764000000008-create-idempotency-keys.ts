import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class CreateIdempotencyKeys1764000000008 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1764000000008';

  async up(queryRunner: QueryRunner): Promise<void> {
    const text = (name: string, length: number) => ({ name, type: 'varchar', length: String(length) });
    await queryRunner.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          { ...text('key', 100), isPrimary: true },
          text('fingerprint', 64),
          text('workflow_id', 250),
          text('claimed_at', 32),
          { ...text('started_at', 32), isNullable: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('idempotency_keys');
  }
}
