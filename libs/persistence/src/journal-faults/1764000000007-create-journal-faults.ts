import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class CreateJournalFaults1764000000007 implements MigrationInterface {
  name = 'CreateJournalFaults1764000000007';

  async up(queryRunner: QueryRunner): Promise<void> {
    const text = (name: string, length: number) => ({ name, type: 'varchar', length: String(length) });
    await queryRunner.createTable(
      new Table({
        name: 'journal_faults',
        columns: [{ ...text('stream_id', 250), isPrimary: true }, text('workflow_id', 250), text('reason', 1000), text('faulted_at', 32)],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('journal_faults');
  }
}
