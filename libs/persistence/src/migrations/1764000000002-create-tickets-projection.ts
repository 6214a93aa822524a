import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

export class CreateTicketsProjection1764000000002 implements MigrationInterface {
  name = 'CreateTicketsProjection1764000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const text = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
    await queryRunner.createTable(
      new Table({
        name: 'tickets',
        columns: [
          { ...text('id', 200), isPrimary: true },
          text('status', 30),
          text('title', 200),
          text('severity', 1),
          text('product', 30),
          text('customer', 200),
          text('customer_domain', 253),
          text('partner', 200),
          text('microsoft_ticket_id', 50, true),
          text('response_due_at', 32, true),
          { name: 'breached', type: 'boolean' },
          { name: 'escalation_level', type: 'int' },
          text('outcome', 30, true),
          text('opened_at', 32),
          text('closed_at', 32, true),
          { name: 'version', type: 'int' },
        ],
      }),
    );
    await queryRunner.createIndex('tickets', new TableIndex({ name: 'idx_tickets_opened', columnNames: ['opened_at', 'id'] }));
    await queryRunner.createIndex('tickets', new TableIndex({ name: 'idx_tickets_status', columnNames: ['status'] }));
    await queryRunner.createTable(
      new Table({
        name: 'projection_checkpoints',
        columns: [{ ...text('name', 100), isPrimary: true }, { name: 'position', type: 'bigint' }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('projection_checkpoints');
    await queryRunner.dropTable('tickets');
  }
}
