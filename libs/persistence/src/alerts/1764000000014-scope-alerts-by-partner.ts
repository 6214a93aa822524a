import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Tickets looked up per query in the backfill: well below SQLite's and PostgreSQL's parameter limits. */
const TICKETS_PER_QUERY = 500;

/**
 * Alerting becomes partner-scoped: a subscription receives, and is seen by, only the partner tenants it names; a
 * delivery belongs to the partner tenant of its ticket.
 * - `alert_subscriptions.partner_tenant_ids` (JSON array of lower-case GUIDs, or `["*"]`: every partner tenant).
 *   Existing subscriptions become `["*"]`: they were created before partner isolation, when every subscription received
 *   every partner's alerts, so they keep doing so (and only principals acting for every partner tenant see them now).
 * - `alert_deliveries.partner_tenant_id` (lower-case GUID), set from the alert from now on. Existing deliveries get it
 *   from their ticket's ServiceRequestReceived event (`data.partner.tenantId` in stream `ticket-<ticket_id>`); those
 *   without one (no such event, or no tenant in it) keep NULL, which only principals acting for every partner see.
 */
export class ScopeAlertsByPartner1764000000014 implements MigrationInterface {
  name = 'ScopeAlertsByPartner1764000000014';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Nullable first (SQLite copies the existing rows into the rebuilt table), then every row '["*"]', then required.
    const partnerTenantIds = new TableColumn({ name: 'partner_tenant_ids', type: 'text', isNullable: true });
    await queryRunner.addColumn('alert_subscriptions', partnerTenantIds);
    await queryRunner.query(`UPDATE alert_subscriptions SET partner_tenant_ids = '["*"]'`);
    const required = partnerTenantIds.clone();
    required.isNullable = false;
    await queryRunner.changeColumn('alert_subscriptions', partnerTenantIds, required);

    await queryRunner.addColumn(
      'alert_deliveries',
      new TableColumn({ name: 'partner_tenant_id', type: 'varchar', length: '36', isNullable: true }),
    );
    await this.backfillDeliveryPartners(queryRunner);
  }

  private async backfillDeliveryPartners(queryRunner: QueryRunner): Promise<void> {
    if (!(await queryRunner.hasTable('events'))) return;
    const tickets: Array<{ ticket_id: string }> = await queryRunner.query(
      'SELECT DISTINCT ticket_id FROM alert_deliveries WHERE partner_tenant_id IS NULL',
    );
    const escape = (sql: string, parameters: Record<string, unknown>) =>
      queryRunner.connection.driver.escapeQueryWithParameters(sql, parameters, {});
    for (let start = 0; start < tickets.length; start += TICKETS_PER_QUERY) {
      const streams = tickets.slice(start, start + TICKETS_PER_QUERY).map(({ ticket_id }) => `ticket-${ticket_id}`);
      // Read in JS rather than with the dialects' JSON functions: data is JSON text (or jsonb, where a database made it so).
      const received: Array<{ stream_id: string; data: string | { partner?: { tenantId?: unknown } } }> = await queryRunner.query(
        ...escape(
          `SELECT stream_id, data FROM events WHERE type = 'ServiceRequestReceived' AND stream_id IN (:...streams)
           ORDER BY global_position`,
          { streams },
        ),
      );
      const partners = new Map<string, string>();
      for (const { stream_id, data } of received) {
        const ticketId = stream_id.slice('ticket-'.length);
        const tenantId = partnerTenantOf(data);
        if (tenantId && !partners.has(ticketId)) partners.set(ticketId, tenantId);
      }
      for (const [ticketId, partnerTenantId] of partners) {
        await queryRunner.query(
          ...escape('UPDATE alert_deliveries SET partner_tenant_id = :partnerTenantId WHERE ticket_id = :ticketId AND partner_tenant_id IS NULL', {
            partnerTenantId,
            ticketId,
          }),
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('alert_deliveries', 'partner_tenant_id');
    await queryRunner.dropColumn('alert_subscriptions', 'partner_tenant_ids');
  }
}

/** The event's `partner.tenantId`, lower-case, when it is a GUID (a refused request may have recorded none). */
function partnerTenantOf(data: string | { partner?: { tenantId?: unknown } }): string | undefined {
  try {
    const tenantId = (typeof data === 'string' ? JSON.parse(data) : data)?.partner?.tenantId;
    return typeof tenantId === 'string' && GUID.test(tenantId) ? tenantId.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}
