import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

const text = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });

/**
 * Ticket ids become the partner's own, unique per partner tenant: two partners may both open `INC-1`.
 * - `idempotency_keys` is keyed by (partner_tenant_id, key); each existing key gets its partner from the ticket's
 *   ServiceRequestReceived event (a key whose ticket recorded nothing yet gets '' and is no longer found).
 * - The `tickets` read model is keyed by the ticket's `key` (its stream's: `<partner>~<id>`, or the bare id of a
 *   ticket opened before) and gains `partner_tenant_id`: emptied with its checkpoint and parked events, it is rebuilt
 *   from the event log by the worker's projector.
 */
export class ScopeTicketsByPartner1764000000013 implements MigrationInterface {
  name = 'ScopeTicketsByPartner1764000000013';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.scopeIdempotencyKeys(queryRunner);
    await queryRunner.dropTable('tickets');
    await queryRunner.createTable(
      new Table({
        name: 'tickets',
        columns: [
          { ...text('key', 200), isPrimary: true },
          text('id', 200),
          text('partner_tenant_id', 36),
          text('status', 30),
          text('title', 200),
          text('severity', 1),
          text('product', 30),
          text('customer', 200),
          text('customer_domain', 253),
          text('partner', 200),
          text('microsoft_ticket_id', 50, true),
          text('response_due_at', 32, true),
          { name: 'warned', type: 'boolean', default: false },
          { name: 'breached', type: 'boolean' },
          { name: 'escalation_level', type: 'int' },
          text('outcome', 30, true),
          text('opened_at', 32),
          text('closed_at', 32, true),
          { name: 'version', type: 'int' },
        ],
      }),
    );
    await queryRunner.createIndex('tickets', new TableIndex({ name: 'idx_tickets_opened', columnNames: ['opened_at', 'key'] }));
    await queryRunner.createIndex('tickets', new TableIndex({ name: 'idx_tickets_status', columnNames: ['status'] }));
    await queryRunner.createIndex('tickets', new TableIndex({ name: 'idx_tickets_partner_id', columnNames: ['partner_tenant_id', 'id'] }));
    await queryRunner.query("DELETE FROM projection_checkpoints WHERE name = 'tickets'");
    await queryRunner.query('DELETE FROM parked_events');
  }

  private async scopeIdempotencyKeys(queryRunner: QueryRunner): Promise<void> {
    const keys: Array<Record<string, string | null>> = await queryRunner.query('SELECT * FROM idempotency_keys');
    const partners = await partnerOfEachTicket(queryRunner);
    await queryRunner.dropTable('idempotency_keys');
    await queryRunner.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          { ...text('partner_tenant_id', 36), isPrimary: true },
          { ...text('key', 100), isPrimary: true },
          text('fingerprint', 64),
          text('workflow_id', 250),
          text('claimed_at', 32),
          text('started_at', 32, true),
        ],
      }),
    );
    // Plain SQL: a query builder `into('idempotency_keys')` would take the entity's property names, not these columns.
    const insert = `INSERT INTO idempotency_keys (partner_tenant_id, "key", fingerprint, workflow_id, claimed_at, started_at)
      VALUES (:partner_tenant_id, :key, :fingerprint, :workflow_id, :claimed_at, :started_at)`;
    for (const row of keys) {
      const values = { ...row, partner_tenant_id: partners.get(String(row.key)) ?? '' };
      await queryRunner.query(...queryRunner.connection.driver.escapeQueryWithParameters(insert, values, {}));
    }
  }

  async down(_queryRunner: QueryRunner): Promise<void> {
    throw new Error(`${this.name} cannot be undone: ticket ids are scoped per partner tenant from it on`);
  }
}

/** Ticket id → partner tenant, from the ServiceRequestReceived events recorded so far (none on a new database). */
async function partnerOfEachTicket(queryRunner: QueryRunner): Promise<Map<string, string>> {
  const partners = new Map<string, string>();
  if (!(await queryRunner.hasTable('events'))) return partners;
  const received: Array<{ stream_id: string; data: string | { partner?: { tenantId?: string } } }> = await queryRunner.query(
    "SELECT stream_id, data FROM events WHERE type = 'ServiceRequestReceived'",
  );
  for (const { stream_id, data } of received) {
    const tenantId = (typeof data === 'string' ? JSON.parse(data) : data)?.partner?.tenantId;
    if (typeof tenantId === 'string') partners.set(stream_id.replace(/^ticket-/, ''), tenantId.toLowerCase());
  }
  return partners;
}
