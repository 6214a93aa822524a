import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class CreateSupportTopics1764000000010 implements MigrationInterface {
  name = 'CreateSupportTopics1764000000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    const text = (name: string, length: number) => ({ name, type: 'varchar', length: String(length) });
    await queryRunner.createTable(
      new Table({
        name: 'support_topics',
        columns: [
          { ...text('id', 50), isPrimary: true },
          { name: 'position', type: 'integer' },
          text('name', 500),
          { name: 'description', type: 'text' },
          { ...text('product', 20), isNullable: true },
          { ...text('category', 40), isNullable: true },
          text('locale', 20),
          text('fetched_at', 32),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('support_topics');
  }
}
