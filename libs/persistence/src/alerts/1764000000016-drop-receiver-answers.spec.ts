import type { DataSource, QueryRunner } from 'typeorm';
import { EventStore } from '@escalade/event-store';
import { testDatabases } from '../testing/test-databases';
import { DropReceiverAnswers1764000000016, withoutReceiverAnswer } from './1764000000016-drop-receiver-answers';

const NOW = '2026-11-24T11:00:00.000Z';
const ANSWER = 'root:x:0:0:root:/root:/bin/bash\n{"AccessKeyId": "ASIA…"}';
const DELIVERY = 'T-1:breach:11111111-1111-4111-8111-111111111111';

describe('withoutReceiverAnswer', () => {
  it.each([
    [`HTTP 500: ${ANSWER}`, 'HTTP 500'],
    [`alert delivery ${DELIVERY} failed: HTTP 400: ${ANSWER}`, `alert delivery ${DELIVERY} failed: HTTP 400`],
    ['HTTP 302', 'HTTP 302'],
    ['no answer within 10000 ms', 'no answer within 10000 ms'],
    ['fetch failed: connect ECONNREFUSED 127.0.0.1:9', 'fetch failed: connect ECONNREFUSED 127.0.0.1:9'],
  ])('%j → %j', (reason, kept) => expect(withoutReceiverAnswer(reason)).toBe(kept));
});

describe.each(testDatabases())('DropReceiverAnswers1764000000016 on $name', (database) => {
  let dataSource: DataSource;
  let runner: QueryRunner;
  const insert = (sql: string, parameters: Record<string, unknown>) => runner.query(...dataSource.driver.escapeQueryWithParameters(sql, parameters, {}));

  beforeAll(async () => {
    dataSource = await database.open();
    runner = dataSource.createQueryRunner();
    const delivery = (id: string, lastError: string | null) =>
      insert(
        `INSERT INTO alert_deliveries (id, alert_key, subscription_id, ticket_id, kind, payload, status, attempts, last_error,
           created_at, delivered_at, updated_at)
         VALUES (:id, 'T-1:breach', '11111111-1111-4111-8111-111111111111', 'T-1', 'breach', '{}', 'dead', 2, :lastError, :now, NULL, :now)`,
        { id, lastError, now: NOW },
      );
    await delivery(DELIVERY, `alert delivery ${DELIVERY} failed: HTTP 500: ${ANSWER}`);
    await delivery(`${DELIVERY}-timeout`, 'no answer within 10000 ms');
    await delivery(`${DELIVERY}-none`, null);
    for (const error of [`HTTP 500: ${ANSWER}`, 'no answer within 10000 ms', null]) {
      await insert(
        `INSERT INTO alert_delivery_attempts (delivery_id, attempted_at, http_status, error, outcome) VALUES (:id, :now, 500, :error, 'failed')`,
        { id: DELIVERY, now: NOW, error },
      );
    }
    await new EventStore(dataSource).appendToStream('ticket-T-1', [
      { eventId: 'T-1:1', type: 'AlertDeliveryAbandoned', data: { deliveryId: DELIVERY, kind: 'breach', reason: `alert delivery failed: HTTP 500: ${ANSWER}` } },
      { eventId: 'T-1:2', type: 'AlertDeliveryAbandoned', data: { deliveryId: DELIVERY, kind: 'breach', reason: 'no answer within 10000 ms' } },
    ]);
    await new DropReceiverAnswers1764000000016().up(runner);
  });
  afterAll(async () => {
    await runner.release();
    await database.close(dataSource);
  });

  it("drops the receiver's answer from deliveries' last errors, keeping the status", async () => {
    const rows: Array<{ id: string; last_error: string | null }> = await dataSource.query('SELECT id, last_error FROM alert_deliveries ORDER BY id');
    expect(rows).toEqual([
      { id: DELIVERY, last_error: `alert delivery ${DELIVERY} failed: HTTP 500` },
      { id: `${DELIVERY}-none`, last_error: null },
      { id: `${DELIVERY}-timeout`, last_error: 'no answer within 10000 ms' },
    ]);
  });

  it("drops it from every attempt's error", async () => {
    const rows: Array<{ error: string | null }> = await dataSource.query('SELECT error FROM alert_delivery_attempts ORDER BY id');
    expect(rows.map((row) => row.error)).toEqual(['HTTP 500', 'no answer within 10000 ms', null]);
  });

  it('drops it from the reasons of abandoned deliveries that ticket timelines show, the rest of the event unchanged', async () => {
    const rows: Array<{ data: string }> = await dataSource.query(`SELECT data FROM events WHERE type = 'AlertDeliveryAbandoned' ORDER BY global_position`);
    expect(rows.map((row) => JSON.parse(row.data))).toEqual([
      { deliveryId: DELIVERY, kind: 'breach', reason: 'alert delivery failed: HTTP 500' },
      { deliveryId: DELIVERY, kind: 'breach', reason: 'no answer within 10000 ms' },
    ]);
  });
});
