import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Routing by ladder level (issue 20): a subscription may take only the alerts of some escalation levels (`levels`, a
 * JSON array of positive integers). Existing subscriptions take every alert, as before: `[]`. Plain `ADD COLUMN` and
 * `DROP COLUMN` (SQLite 3.35+) both ways: neither database rebuilds the table, and TypeORM's dropColumn would work from
 * its cached picture of the table, which a plain `ADD COLUMN` leaves stale.
 */
export class AddAlertSubscriptionLevels1764000000019 implements MigrationInterface {
  name = 'AddAlertSubscriptionLevels1764000000019';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE alert_subscriptions ADD COLUMN levels text NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE alert_subscriptions DROP COLUMN levels');
  }
}
