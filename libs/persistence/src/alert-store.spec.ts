import type { DataSource } from 'typeorm';
import { AlertStore, type AlertRecord } from './alert-store';
import { testDatabases } from './testing/test-databases';

const alert = (level: number): AlertRecord => ({
  alertId: `t-1:escalation:${level}`,
  ticketId: 't-1',
  workflowId: 'service-request-t-1',
  level,
  audience: level === 1 ? 'coordinators' : 'duty-manager',
  severity: 'A',
  product: 'azure',
  customer: 'Contoso',
  microsoftTicketId: '2611240000000001',
  responseDueAt: '2026-11-24T12:00:00.000Z',
  breachedAt: '2026-11-24T12:00:00.000Z',
  raisedAt: '2026-11-24T12:00:00.000Z',
});

describe.each(testDatabases())('AlertStore on $name', (database) => {
  let dataSource: DataSource;
  let store: AlertStore;

  beforeAll(async () => {
    dataSource = await database.open();
    store = new AlertStore(dataSource);
  });
  afterAll(() => database.close(dataSource));

  it('stores an alert once and reports a retried one as already stored', async () => {
    expect(await store.record(alert(1))).toBe(true);
    expect(await store.record(alert(1))).toBe(false);
    expect(await store.listForTicket('t-1')).toHaveLength(1);
  });

  it('lists a ticket’s alerts by level with every field kept', async () => {
    await store.record(alert(2));
    const listed = await store.listForTicket('t-1');
    expect(listed.map((a) => a.level)).toEqual([1, 2]);
    expect(listed[1]).toMatchObject(alert(2));
    expect(await store.listForTicket('unknown')).toEqual([]);
  });
});
