import { ConflictException, NotFoundException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { aServiceRequestReceived } from '@escalade/domain/testing';
import { EventStore } from '@escalade/event-store';
import { IdempotencyKeyStore, TicketsProjection, TicketsQuery } from '@escalade/persistence';
import { testDatabases } from '@escalade/persistence/testing';
import { serviceRequestWorkflowId, ticketKey, ticketStreamId } from '@escalade/workflows';
import { aPrincipal } from '../auth/testing/test-principal';
import { TicketLocator } from './ticket-locator';

const FABRIKAM = '0a1b2c3d-0000-4000-8000-00000000000a';
const NORTHWIND = '0a1b2c3d-0000-4000-8000-00000000000b';
const LITWARE = '0a1b2c3d-0000-4000-8000-00000000000c';

/** Where a partner's ticket opened through the API lives. */
const ticketOf = (partnerTenantId: string, id: string) => {
  const key = ticketKey(partnerTenantId, id);
  return { id, partnerTenantId, key, workflowId: serviceRequestWorkflowId(key), streamId: ticketStreamId(key) };
};

describe.each(testDatabases())('TicketLocator on $name', (database) => {
  let dataSource: DataSource;
  let locator: TicketLocator;
  const both = aPrincipal([FABRIKAM, NORTHWIND], 'viewer');

  /** A ticket opened through the API: its idempotency key names its workflow. */
  const opened = (partnerTenantId: string, id: string) =>
    new IdempotencyKeyStore(dataSource).claim({ partnerTenantId, key: id, fingerprint: 'f'.repeat(64), workflowId: ticketOf(partnerTenantId, id).workflowId });
  /** A ticket from before partner isolation (and before idempotency keys): only its stream, keyed by its id, and its row. */
  const openedBefore = (partnerTenantId: string, id: string) =>
    new EventStore(dataSource).appendToStream(`ticket-${id}`, [
      { eventId: `${id}:1`, ...aServiceRequestReceived(id, { partner: { tenantId: partnerTenantId.toUpperCase(), name: 'Fabrikam' } }) },
    ]);

  beforeAll(async () => {
    dataSource = await database.open();
    locator = new TicketLocator(new IdempotencyKeyStore(dataSource), new TicketsQuery(dataSource));
    await opened(FABRIKAM, 'INC-1');
    await opened(LITWARE, 'INC-1');
    await opened(LITWARE, 'INC-2');
    await opened(FABRIKAM, 'INC-3');
    await opened(NORTHWIND, 'INC-3');
    await openedBefore(FABRIKAM, 'OLD-1');
    await new TicketsProjection(dataSource).catchUp();
  });
  afterAll(() => database.close(dataSource));

  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a refusal');
      },
      (err: unknown) => err,
    );

  it("finds a ticket among the principal's partner tenants", async () => {
    await expect(locator.locate(both, 'INC-1')).resolves.toEqual(ticketOf(FABRIKAM, 'INC-1'));
    await expect(locator.locate(aPrincipal([LITWARE]), 'INC-1')).resolves.toEqual(ticketOf(LITWARE, 'INC-1'));
  });

  it("answers another partner's ticket exactly like one that does not exist", async () => {
    const notFound = (id: string) => ({ statusCode: 404, error: 'Not Found', message: `No service request with id "${id}"` });
    const other = await refusal(locator.locate(both, 'INC-2'));
    const none = await refusal(locator.locate(both, 'INC-404'));

    expect(other).toBeInstanceOf(NotFoundException);
    expect((other as NotFoundException).getResponse()).toEqual(notFound('INC-2'));
    expect((none as NotFoundException).getResponse()).toEqual(notFound('INC-404'));
    await expect(locator.locate(aPrincipal([]), 'INC-1')).rejects.toThrow(NotFoundException);
  });

  it('refuses an id two of its partner tenants use, naming them, unless partnerTenantId says which', async () => {
    const conflict = await refusal(locator.locate(both, 'INC-3'));
    expect(conflict).toBeInstanceOf(ConflictException);
    expect((conflict as ConflictException).message).toBe(
      `Ticket id "INC-3" is used by several of your partner tenants (${FABRIKAM}, ${NORTHWIND}): add ?partnerTenantId=<tenant>`,
    );
    await expect(locator.locate(aPrincipal('*'), 'INC-3')).rejects.toThrow(ConflictException);

    await expect(locator.locate(both, 'INC-3', NORTHWIND.toUpperCase())).resolves.toEqual(ticketOf(NORTHWIND, 'INC-3'));
    await expect(locator.locate(both, 'INC-3', FABRIKAM)).resolves.toEqual(ticketOf(FABRIKAM, 'INC-3'));
    // Naming a partner tenant the principal does not act for finds nothing, even where that partner has the id.
    await expect(locator.locate(both, 'INC-2', LITWARE)).rejects.toThrow(NotFoundException);
  });

  it('finds a ticket from before partner isolation in the read model, its key being its id', async () => {
    const old = { id: 'OLD-1', partnerTenantId: FABRIKAM, key: 'OLD-1', workflowId: 'service-request-OLD-1', streamId: 'ticket-OLD-1' };

    await expect(locator.locate(both, 'OLD-1')).resolves.toEqual(old);
    await expect(locator.locate(aPrincipal('*'), 'OLD-1', FABRIKAM)).resolves.toEqual(old);
    await expect(locator.locate(aPrincipal([NORTHWIND]), 'OLD-1')).rejects.toThrow(NotFoundException);
  });

  it('finds a ticket from before once when both its migrated idempotency key and its row name it', async () => {
    await new IdempotencyKeyStore(dataSource).claim({ partnerTenantId: FABRIKAM, key: 'OLD-1', fingerprint: 'f'.repeat(64), workflowId: 'service-request-OLD-1' });

    await expect(locator.locate(both, 'OLD-1')).resolves.toMatchObject({ key: 'OLD-1', partnerTenantId: FABRIKAM });
  });
});
