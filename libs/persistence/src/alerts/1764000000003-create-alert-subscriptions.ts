import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

export class CreateAlertSubscriptions1764000000003 implements MigrationInterface {
  name = 'CreateAlertSubscriptions1764000000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    const text = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
    const longText = (name: string, isNullable = false) => ({ name, type: 'text', isNullable });
    await queryRunner.createTable(
      new Table({
        name: 'alert_subscriptions',
        columns: [
          { ...text('id', 36), isPrimary: true },
          text('url', 2000),
          text('secret', 200),
          longText('severities'),
          longText('products'),
          longText('customers'),
          longText('kinds'),
          text('format', 10),
          text('created_at', 32),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'alert_deliveries',
        columns: [
          { ...text('id', 300), isPrimary: true },
          text('alert_key', 250),
          text('subscription_id', 36),
          text('ticket_id', 200),
          text('kind', 20),
          longText('payload'),
          text('status', 20),
          { name: 'attempts', type: 'int' },
          longText('last_error', true),
          text('created_at', 32),
          text('delivered_at', 32, true),
          text('updated_at', 32),
        ],
      }),
    );
    await queryRunner.createIndex(
      'alert_deliveries',
      new TableIndex({ name: 'idx_alert_deliveries_ticket_id', columnNames: ['ticket_id'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'alert_delivery_attempts',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          text('delivery_id', 300),
          text('attempted_at', 32),
          { name: 'http_status', type: 'int', isNullable: true },
          longText('error', true),
          text('outcome', 20),
        ],
      }),
    );
    await queryRunner.createIndex(
      'alert_delivery_attempts',
      new TableIndex({ name: 'idx_alert_delivery_attempts_delivery_id', columnNames: ['delivery_id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('alert_delivery_attempts');
    await queryRunner.dropTable('alert_deliveries');
    await queryRunner.dropTable('alert_subscriptions');
  }
}
