import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class CreateMicrosoftWatches1764000000005 implements MigrationInterface {
  name = 'CreateMicrosoftWatches1764000000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    const text = (name: string, length: number) => ({ name, type: 'varchar', length: String(length) });
    await queryRunner.createTable(
      new Table({
        name: 'microsoft_watches',
        columns: [
          { ...text('microsoft_ticket_id', 50), isPrimary: true },
          text('ticket_id', 200),
          text('workflow_id', 250),
          text('status', 30),
          { name: 'note_count', type: 'int' },
          text('followed_at', 32),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('microsoft_watches');
  }
}
