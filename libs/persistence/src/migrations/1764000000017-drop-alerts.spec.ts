import type { DataSource, QueryRunner } from 'typeorm';
import { testDatabases } from '../testing/test-databases';
import { DropAlerts1764000000017 } from './1764000000017-drop-alerts';

const migration = new DropAlerts1764000000017();

describe.each(testDatabases())('DropAlerts1764000000017 on $name', (database) => {
  // One database, the tests in order: migrated, undone and done again, undone.
  let dataSource: DataSource;
  let runner: QueryRunner;
  beforeAll(async () => {
    dataSource = await database.open();
    runner = dataSource.createQueryRunner();
  });
  afterAll(() => runner.release().then(() => database.close(dataSource)));

  it('leaves a migrated database without the alerts table', async () => {
    expect(await runner.hasTable('alerts')).toBe(false);
  });

  it('drops the table with the escalations it held', async () => {
    await migration.down(runner);
    await runner.query(
      `INSERT INTO alerts (alert_id, ticket_id, workflow_id, level, audience, severity, product, customer, microsoft_ticket_id,
         response_due_at, breached_at, raised_at)
       VALUES ('T-1:escalation:1', 'T-1', 'service-request-T-1', 1, 'coordinators', 'A', 'azure', 'Contoso', NULL,
         '2026-11-24T12:00:00.000Z', '2026-11-24T12:00:00.000Z', '2026-11-24T12:00:00.000Z')`,
    );

    await migration.up(runner);
    expect(await runner.hasTable('alerts')).toBe(false);
  });

  it('brings the table back empty, with its index, when undone', async () => {
    await migration.down(runner);

    expect(await dataSource.query('SELECT * FROM alerts')).toEqual([]);
    expect((await runner.getTable('alerts'))?.indices.map((index) => index.name)).toEqual(['idx_alerts_ticket_id']);
  });
});
