import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How failures were recorded before: `HTTP <status>: <the first 200 characters the receiver answered>`. */
const RECEIVER_ANSWER = /\b(HTTP \d{3}): [\s\S]*$/;

/** A recorded failure reason without what the receiver answered: `HTTP 500: <html>…` becomes `HTTP 500`. */
export function withoutReceiverAnswer(reason: string): string {
  return reason.replace(RECEIVER_ANSWER, '$1');
}

/**
 * Deliveries used to record the start of a failed receiver's answer, which an alert pointed at an internal address
 * made a way to read internal services. Those answers are dropped wherever they were copied: the delivery's last
 * error, each attempt's error, and the reason of AlertDeliveryAbandoned events (shown in ticket timelines). Irreversible:
 * `down` leaves the reasons as they are.
 */
export class DropReceiverAnswers1764000000016 implements MigrationInterface {
  name = 'DropReceiverAnswers1764000000016';

  async up(queryRunner: QueryRunner): Promise<void> {
    await scrubColumn(queryRunner, 'alert_deliveries', 'id', 'last_error');
    await scrubColumn(queryRunner, 'alert_delivery_attempts', 'id', 'error');
    if (await queryRunner.hasTable('events')) await scrubAbandonedDeliveryEvents(queryRunner);
  }

  async down(): Promise<void> {
    // What was dropped is gone.
  }
}

async function scrubColumn(queryRunner: QueryRunner, table: string, key: string, column: string): Promise<void> {
  const rows: Array<Record<string, string | number>> = await queryRunner.query(
    `SELECT ${key}, ${column} FROM ${table} WHERE ${column} LIKE '%HTTP ___: %'`,
  );
  for (const row of rows) {
    await update(queryRunner, `UPDATE ${table} SET ${column} = :value WHERE ${key} = :key`, {
      value: withoutReceiverAnswer(String(row[column])),
      key: row[key],
    });
  }
}

async function scrubAbandonedDeliveryEvents(queryRunner: QueryRunner): Promise<void> {
  const events: Array<{ global_position: string | number; data: string }> = await queryRunner.query(
    `SELECT global_position, data FROM events WHERE type = 'AlertDeliveryAbandoned' AND data LIKE '%HTTP ___: %'`,
  );
  for (const { global_position, data } of events) {
    const parsed = JSON.parse(data) as { reason?: unknown };
    if (typeof parsed.reason !== 'string') continue;
    const value = JSON.stringify({ ...parsed, reason: withoutReceiverAnswer(parsed.reason) });
    await update(queryRunner, 'UPDATE events SET data = :value WHERE global_position = :key', { value, key: global_position });
  }
}

function update(queryRunner: QueryRunner, sql: string, parameters: Record<string, unknown>): Promise<unknown> {
  return queryRunner.query(...queryRunner.connection.driver.escapeQueryWithParameters(sql, parameters, {}));
}
