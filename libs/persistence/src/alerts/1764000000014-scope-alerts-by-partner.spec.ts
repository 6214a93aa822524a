import { randomBytes } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { aServiceRequestReceived } from '@escalade/domain/testing';
import { EventStore } from '@escalade/event-store';
import { KeyRing } from '@escalade/secrets';
import { testDatabases } from '../testing/test-databases';
import { ScopeAlertsByPartner1764000000014 } from './1764000000014-scope-alerts-by-partner';
import { SealAlertSubscriptionSecrets1764000000015 } from './1764000000015-seal-alert-subscription-secrets';
import { AlertDeliveryStore } from './alert-delivery.store';
import { AlertSubscriptionStore } from './alert-subscription.store';

const PARTNER_A = '0a1b2c3d-0000-4000-8000-00000000000a';
const PARTNER_B = '0a1b2c3d-0000-4000-8000-00000000000b';
const NOW = '2026-11-24T11:00:00.000Z';

describe.each(testDatabases())('ScopeAlertsByPartner1764000000014 on $name', (database) => {
  const migration = new ScopeAlertsByPartner1764000000014();
  const keyRing = new KeyRing(randomBytes(32));
  const sealing = new (SealAlertSubscriptionSecrets1764000000015.sealingWith(() => keyRing))();
  let dataSource: DataSource;
  let runner: QueryRunner;

  const insert = (sql: string, parameters: Record<string, unknown>) =>
    runner.query(...dataSource.driver.escapeQueryWithParameters(sql, parameters, {}));
  const oldSubscription = (id: string) =>
    insert(
      `INSERT INTO alert_subscriptions (id, url, secret, severities, products, customers, kinds, format, created_at)
       VALUES (:id, 'https://hooks.example.com', 'a-secret-of-16-chars', '[]', '[]', '[]', '[]', 'json', :now)`,
      { id, now: NOW },
    );
  const oldDelivery = (ticketId: string, subscriptionId: string) =>
    insert(
      `INSERT INTO alert_deliveries (id, alert_key, subscription_id, ticket_id, kind, payload, status, attempts, last_error,
         created_at, delivered_at, updated_at)
       VALUES (:id, :alertKey, :subscriptionId, :ticketId, 'breach', '{}', 'pending', 0, NULL, :now, NULL, :now)`,
      { id: `${ticketId}:breach:${subscriptionId}`, alertKey: `${ticketId}:breach`, subscriptionId, ticketId, now: NOW },
    );

  beforeAll(async () => {
    dataSource = await database.open();
    runner = dataSource.createQueryRunner();
    // The tables as they were before: the migration undone, and the one after it.
    await sealing.down(runner);
    await migration.down(runner);
    const events = new EventStore(dataSource);
    const received = (ticketId: string, partnerTenantId: string) =>
      events.appendToStream(`ticket-${ticketId}`, [
        { eventId: `${ticketId}:1`, ...aServiceRequestReceived(ticketId, { partner: { tenantId: partnerTenantId, name: 'Fabrikam' } }) },
      ]);
    await received('T-A', PARTNER_A.toUpperCase());
    await received('T-B', PARTNER_B);
    await received('T-refused', ''); // a refused request may record no tenant
    await events.appendToStream('ticket-T-A', [{ eventId: 'T-A:2', type: 'SlaBreached', data: { responseDueAt: NOW } }], {
      expectedStreamVersion: 1,
    });
    await oldSubscription('11111111-1111-4111-8111-111111111111');
    await oldSubscription('22222222-2222-4222-8222-222222222222');
    for (const subscriptionId of ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222']) {
      for (const ticketId of ['T-A', 'T-B', 'T-refused', 'T-unknown']) await oldDelivery(ticketId, subscriptionId);
    }
    await migration.up(runner);
    await sealing.up(runner);
  });
  afterAll(async () => {
    await runner.release();
    await database.close(dataSource);
  });

  it('makes every existing subscription one for every partner tenant, and the column required', async () => {
    const rows: Array<{ partner_tenant_ids: string }> = await dataSource.query('SELECT partner_tenant_ids FROM alert_subscriptions');
    expect(rows.map((row) => row.partner_tenant_ids)).toEqual(['["*"]', '["*"]']);
    const table = await runner.getTable('alert_subscriptions');
    expect(table?.findColumnByName('partner_tenant_ids')).toMatchObject({ type: 'text', isNullable: false });
    const subscriptions = new AlertSubscriptionStore(dataSource, keyRing);
    expect((await subscriptions.list('all')).map((s) => s.partnerTenantIds)).toEqual(['*', '*']);
    expect(await subscriptions.list([PARTNER_A, PARTNER_B])).toEqual([]);
  });

  it("gives existing deliveries their ticket's partner tenant from its ServiceRequestReceived event, lower-case; none when unknown", async () => {
    const rows: Array<{ ticket_id: string; partner_tenant_id: string | null }> = await dataSource.query(
      'SELECT ticket_id, partner_tenant_id FROM alert_deliveries ORDER BY ticket_id, subscription_id',
    );
    expect(rows.map(({ ticket_id, partner_tenant_id }) => [ticket_id, partner_tenant_id])).toEqual([
      ['T-A', PARTNER_A],
      ['T-A', PARTNER_A],
      ['T-B', PARTNER_B],
      ['T-B', PARTNER_B],
      ['T-refused', null],
      ['T-refused', null],
      ['T-unknown', null],
      ['T-unknown', null],
    ]);
    const table = await runner.getTable('alert_deliveries');
    expect(table?.findColumnByName('partner_tenant_id')).toMatchObject({ isNullable: true, length: '36' });
    expect(table?.indices.map((index) => index.name)).toContain('idx_alert_deliveries_ticket_id');
    const deliveries = new AlertDeliveryStore(dataSource);
    expect((await deliveries.list({ limit: 10 }, [PARTNER_B])).map((d) => d.ticketId)).toEqual(['T-B', 'T-B']);
    expect(await deliveries.list({ limit: 10 }, 'all')).toHaveLength(8);
  });
});
