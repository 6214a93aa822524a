import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * Adds `warned` (the breach warning went out) to the tickets read model. Rows written before it cannot know,
 * so the read model is emptied and its checkpoint dropped: the worker's projector rebuilds it from the event log.
 */
export class AddTicketsWarned1764000000004 implements MigrationInterface {
  name = 'AddTicketsWarned1764000000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('tickets', new TableColumn({ name: 'warned', type: 'boolean', default: false }));
    await queryRunner.query('DELETE FROM tickets');
    await queryRunner.query("DELETE FROM projection_checkpoints WHERE name = 'tickets'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('tickets', 'warned');
  }
}
