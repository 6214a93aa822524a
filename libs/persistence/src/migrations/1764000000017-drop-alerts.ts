import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CreateAlerts1764000000000 } from './1764000000000-create-alerts';

/**
 * Escalations go out once, through the alert subscriptions like every alert: the `alerts` table, a second copy of them
 * that nothing read, is dropped with its rows. Undone, the table comes back empty.
 */
export class DropAlerts1764000000017 implements MigrationInterface {
  name = 'DropAlerts1764000000017';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('alerts');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await new CreateAlerts1764000000000().up(queryRunner);
  }
}
