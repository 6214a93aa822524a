import type { DataSource } from 'typeorm';
import type { TicketPolicy } from '@escalade/config';
import { DEFAULT_SLA_POLICY, foldTicket, responseWindow, type TicketEvent } from '@escalade/domain';
import { aServiceRequestReceived } from '@escalade/domain/testing';
import { EventStore } from '@escalade/event-store';
import { JournalFaultStore } from '@escalade/persistence';
import { testDatabases } from '@escalade/persistence/testing';
import { StoredTicketStates } from './stored-ticket-states';
import { locatedAt } from './ticket-locator';

const PARTNER = '0a1b2c3d-0000-4000-8000-00000000000a';
const FILED_AT = '2026-11-24T09:00:01.000Z';
const DUE_AT = '2026-11-24T11:00:01.000Z';

const ticketOf = (id: string) => locatedAt({ id, partnerTenantId: PARTNER, workflowId: `service-request-${PARTNER}~${id}` });

/** A severity-A ticket filed, then warned: what a coordinator's page shows while it waits. */
const waitingLife = (id: string, policyVersion = DEFAULT_SLA_POLICY.version): TicketEvent[] => [
  aServiceRequestReceived(id, { key: `${PARTNER}~${id}`, partner: { tenantId: PARTNER, name: 'Fabrikam' }, policyVersion }),
  { type: 'EligibilityDecided', data: { decision: 'eligible', reason: 'r' } },
  { type: 'HandedOff', data: { portal: 'azure-portal', url: 'https://portal.azure.com', context: 'customer', microsoftTicketId: '42', filedAt: FILED_AT } },
  { type: 'ResponseDueTimeSet', data: { severity: 'A', responseDueAt: DUE_AT } },
  { type: 'BreachWarningRaised', data: { responseDueAt: DUE_AT, warnedAt: '2026-11-24T10:30:01.000Z' } },
];

describe.each(testDatabases())('StoredTicketStates on $name', (database) => {
  let dataSource: DataSource;
  let events: EventStore;
  let faults: JournalFaultStore;
  let states: StoredTicketStates;

  let stored = 0;
  const store = (id: string, life: TicketEvent[]) =>
    events.appendToStream(ticketOf(id).streamId, life.map((event) => ({ eventId: `e-${(stored += 1)}`, ...event })));

  beforeAll(async () => {
    dataSource = await database.open();
    events = new EventStore(dataSource);
    faults = new JournalFaultStore(dataSource);
    states = new StoredTicketStates(events, faults, { sla: DEFAULT_SLA_POLICY } as TicketPolicy);
  });
  afterAll(() => database.close(dataSource));

  it("folds the ticket's stored events as its workflow does, with the response window its policy draws", async () => {
    const life = waitingLife('INC-1');
    await store('INC-1', life);

    expect(await states.read(ticketOf('INC-1'))).toEqual({
      ...foldTicket(life),
      workflowId: ticketOf('INC-1').workflowId,
      responseWindow: responseWindow(new Date(FILED_AT), new Date(DUE_AT), DEFAULT_SLA_POLICY),
    });
  });

  it('has no window before the filing, and carries every later event (a close) without asking anyone', async () => {
    const [received, decided] = waitingLife('INC-2');
    await store('INC-2', [received, decided]);
    const before = await states.read(ticketOf('INC-2'));
    expect(before).toMatchObject({ status: 'handing-off' });
    expect(before).not.toHaveProperty('responseWindow');

    await store('INC-2', [{ type: 'ServiceRequestClosed', data: { outcome: 'cancelled', targetMet: null, closedAt: '2026-11-24T09:05:00.000Z' } }]);
    expect(await states.read(ticketOf('INC-2'))).toMatchObject({ status: 'closed', outcome: 'cancelled' });
  });

  it('leaves to the workflow a ticket with nothing stored yet, one whose stream refused events, one of another policy, one that does not fold', async () => {
    expect(await states.read(ticketOf('INC-new'))).toBeUndefined();

    await store('INC-faulted', waitingLife('INC-faulted'));
    await faults.record({ streamId: ticketOf('INC-faulted').streamId, workflowId: ticketOf('INC-faulted').workflowId, reason: 'refused' });
    expect(await states.read(ticketOf('INC-faulted'))).toBeUndefined();

    await store('INC-older', waitingLife('INC-older', '2025-01-1'));
    expect(await states.read(ticketOf('INC-older'))).toBeUndefined();

    await store('INC-broken', [{ type: 'SlaBreached', data: { responseDueAt: DUE_AT } }]);
    expect(await states.read(ticketOf('INC-broken'))).toBeUndefined();
  });
});
