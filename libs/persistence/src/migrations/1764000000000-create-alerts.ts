import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

export class CreateAlerts1764000000000 implements MigrationInterface {
  name = 'CreateAlerts1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const text = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
    await queryRunner.createTable(
      new Table({
        name: 'alerts',
        columns: [
          { ...text('alert_id', 200), isPrimary: true },
          text('ticket_id', 200),
          text('workflow_id', 250),
          { name: 'level', type: 'int' },
          text('audience', 100),
          text('severity', 1),
          text('product', 50),
          text('customer', 200),
          text('microsoft_ticket_id', 50, true),
          text('response_due_at', 32),
          text('breached_at', 32),
          text('raised_at', 32),
        ],
      }),
    );
    await queryRunner.createIndex('alerts', new TableIndex({ name: 'idx_alerts_ticket_id', columnNames: ['ticket_id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('alerts');
  }
}
