import { DataSource } from 'typeorm';
import type { TicketEvent } from '@escalade/domain';
import { EventStore } from '@escalade/event-store';
import { testDatabasesFor } from '@escalade/event-store/testing';
import { ALL_MIGRATIONS, ENTITIES } from '../data-source-options';
import { IdempotencyKeyStore } from '../idempotency-keys/idempotency-key.store';
import { at, opened } from './testing/ticket-events.fixture';
import { TicketRow } from './ticket-row.entity';
import { TicketsProjection } from './tickets.projection';

const PARTNER = '0A1B2C3D-0000-4000-8000-00000000000A';
const partner = PARTNER.toLowerCase();
const LAST_BEFORE = 1764000000012;

const timestampOf = (migration: (typeof ALL_MIGRATIONS)[number]) => Number(/(\d{13})$/.exec(migration.name)?.[1]);
/** The schema as it was before ticket ids were per partner. */
const MIGRATIONS_BEFORE = ALL_MIGRATIONS.filter((migration) => timestampOf(migration) <= LAST_BEFORE);

const databasesBefore = testDatabasesFor({ entities: ENTITIES, migrations: MIGRATIONS_BEFORE });

describe.each(databasesBefore)('ScopeTicketsByPartner1764000000013 on $name', (database) => {
  let dataSource: DataSource;
  let ran: string[];

  const insert = (sql: string, parameters: Record<string, unknown>) =>
    dataSource.query(...dataSource.driver.escapeQueryWithParameters(sql, parameters, {}));
  const legacyKey = (key: string) =>
    insert(
      `INSERT INTO idempotency_keys ("key", fingerprint, workflow_id, claimed_at, started_at)
       VALUES (:key, :fingerprint, :workflowId, :claimedAt, :claimedAt)`,
      { key, fingerprint: 'f'.repeat(64), workflowId: `service-request-${key}`, claimedAt: at(0) },
    );

  beforeAll(async () => {
    dataSource = await database.open();
    // A ticket opened before: its stream, idempotency key and read-model row keyed by its bare id.
    const [received, ...later] = opened('INC-7', 0, 'A');
    const legacyReceived = { ...received, data: { ...received.data, partner: { tenantId: PARTNER, name: 'Fabrikam' } } } as TicketEvent;
    await new EventStore(dataSource).appendToStream(
      'ticket-INC-7',
      [legacyReceived, ...later].map((event, i) => ({ ...event, eventId: `INC-7:${i}` })),
    );
    await legacyKey('INC-7');
    await legacyKey('INC-8'); // claimed, but its workflow recorded nothing yet
    await insert(
      `INSERT INTO tickets (id, status, title, severity, product, customer, customer_domain, partner, breached, escalation_level, opened_at, version)
       VALUES ('INC-7', 'awaiting-response', 'Ticket INC-7', 'A', 'azure', 'Contoso', 'contoso.com', 'Fabrikam', :no, 0, :openedAt, 4)`,
      { no: false, openedAt: at(0) },
    );
    await insert(`INSERT INTO projection_checkpoints (name, position) VALUES ('tickets', 4)`, {});
    await insert(
      `INSERT INTO parked_events (global_position, stream_id, stream_version, type, reason, parked_at)
       VALUES (3, 'ticket-INC-7', 3, 'HandedOff', 'x', :at)`,
      { at: at(0) },
    );

    const everyMigration = await new DataSource({ ...dataSource.options, migrations: ALL_MIGRATIONS }).initialize();
    try {
      ran = (await everyMigration.runMigrations()).map((migration) => migration.name);
    } finally {
      await everyMigration.destroy();
    }
  });
  afterAll(() => database.close(dataSource));

  it('runs next, keying the read model by the ticket key, with the partner tenant beside its id', async () => {
    expect(ran[0]).toBe('ScopeTicketsByPartner1764000000013');
    const runner = dataSource.createQueryRunner();
    try {
      const tickets = await runner.getTable('tickets');
      expect(tickets?.primaryColumns.map((column) => column.name)).toEqual(['key']);
      expect(tickets?.findColumnByName('partner_tenant_id')).toMatchObject({ isNullable: false, length: '36' });
      // (PostgreSQL's table reader gives an index's columns in alphabetical order.)
      expect(tickets?.indices.map((index) => [index.name, [...index.columnNames].sort()])).toEqual(
        expect.arrayContaining([
          ['idx_tickets_opened', ['key', 'opened_at']],
          ['idx_tickets_partner_id', ['id', 'partner_tenant_id']],
        ]),
      );
      expect((await runner.getTable('idempotency_keys'))?.primaryColumns.map((column) => column.name).sort()).toEqual(['key', 'partner_tenant_id']);
    } finally {
      await runner.release();
    }
  });

  it("gives each idempotency key its ticket's partner tenant from its ServiceRequestReceived event, lower-cased; '' when none was recorded", async () => {
    const keys = new IdempotencyKeyStore(dataSource);

    expect(await keys.find('INC-7', [partner])).toEqual([
      { partnerTenantId: partner, key: 'INC-7', fingerprint: 'f'.repeat(64), workflowId: 'service-request-INC-7', claimedAt: at(0), startedAt: at(0) },
    ]);
    expect(await keys.find('INC-8', 'all')).toEqual([expect.objectContaining({ partnerTenantId: '', key: 'INC-8', workflowId: 'service-request-INC-8' })]);
    expect(await keys.find('INC-8', [partner])).toEqual([]);
  });

  it('empties the read model with its checkpoint and parked events, so that the projector rebuilds it keyed by stream', async () => {
    const projection = new TicketsProjection(dataSource);
    expect(await dataSource.getRepository(TicketRow).count()).toBe(0);
    expect(await projection.checkpoint()).toBe(0);
    expect(await dataSource.query('SELECT * FROM parked_events')).toEqual([]);

    await projection.catchUp();

    expect(await dataSource.getRepository(TicketRow).find()).toEqual([
      expect.objectContaining({ key: 'INC-7', id: 'INC-7', partnerTenantId: partner, status: 'awaiting-response', version: 4 }),
    ]);
  });
});
