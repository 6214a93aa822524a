import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

export class CreateApiKeys1764000000012 implements MigrationInterface {
  name = 'CreateApiKeys1764000000012';

  async up(queryRunner: QueryRunner): Promise<void> {
    const text = (name: string, length: number) => ({ name, type: 'varchar', length: String(length) });
    await queryRunner.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          { ...text('id', 36), isPrimary: true },
          text('name', 100),
          text('prefix', 16),
          text('hash', 64),
          { name: 'partner_tenant_ids', type: 'text' },
          text('role', 20),
          text('created_at', 32),
          text('created_by', 200),
          { ...text('last_used_at', 32), isNullable: true },
          { ...text('revoked_at', 32), isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex('api_keys', new TableIndex({ name: 'idx_api_keys_prefix', columnNames: ['prefix'], isUnique: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('api_keys');
  }
}
