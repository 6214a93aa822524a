import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quiet hours (issue 20): a subscription's recipient may keep calendar hours (`calendar`, JSON, null for none), and a
 * delivery held for them records until when (`held_until`). Existing rows hold nothing. Plain `ADD COLUMN` and `DROP COLUMN`
 * (SQLite 3.35+ has both): TypeORM's addColumn rebuilds a SQLite table for each call.
 */
export class AddQuietHours1764000000020 implements MigrationInterface {
  name = 'AddQuietHours1764000000020';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE alert_subscriptions ADD COLUMN calendar text');
    await queryRunner.query('ALTER TABLE alert_deliveries ADD COLUMN held_until varchar(32)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE alert_deliveries DROP COLUMN held_until');
    await queryRunner.query('ALTER TABLE alert_subscriptions DROP COLUMN calendar');
  }
}
