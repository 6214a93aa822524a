import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tickets read model's columns that the SLA reports measure (issue 19), as SQLite and PostgreSQL both declare them. */
const COLUMNS: Array<[name: string, definition: string]> = [
  ['filed_at', 'varchar(32)'],
  ['responded_at', 'varchar(32)'],
  ['update_misses', 'integer NOT NULL DEFAULT 0'],
  ['reply_misses', 'integer NOT NULL DEFAULT 0'],
  ['follow_up_target', 'varchar(20)'],
  ['follow_up_round', 'integer'],
  ['follow_up_due_at', 'varchar(32)'],
  ['follow_up_breached', 'boolean NOT NULL DEFAULT false'],
  ['paused_ms', 'bigint NOT NULL DEFAULT 0'],
  ['paused_since', 'varchar(32)'],
  ['resolution_ms', 'bigint'],
];

/**
 * Adds what the SLA reports measure to the tickets read model: filing and first-answer times, the follow-up round
 * running and the rounds missed per side, the paused time and the resolution time. Rows written before cannot know,
 * so the read model is emptied and its checkpoint dropped: the worker's projector rebuilds it from the event log.
 * Plain `ADD COLUMN`: TypeORM's addColumns rebuilds a SQLite table, indexes and all, for each call.
 */
export class AddTicketsSlaMeasures1764000000018 implements MigrationInterface {
  name = 'AddTicketsSlaMeasures1764000000018';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, definition] of COLUMNS) await queryRunner.query(`ALTER TABLE tickets ADD COLUMN ${name} ${definition}`);
    await queryRunner.query('DELETE FROM tickets');
    await queryRunner.query("DELETE FROM projection_checkpoints WHERE name = 'tickets'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('tickets', COLUMNS.map(([name]) => name));
  }
}
