import type { DataSource } from 'typeorm';
import type { AlertKind } from '@escalade/alerting';
import { testDatabases } from '../testing/test-databases';
import { AlertDeliveryStore } from './alert-delivery.store';

const subscription = { id: '5f0c7c1e-8f5e-4a51-9a39-0c4d2b1b6a11' };
const PARTNER_A = '0a1b2c3d-0000-4000-8000-00000000000a';
const PARTNER_B = '0a1b2c3d-0000-4000-8000-00000000000b';
/** Of PARTNER_A's ticket unless told; null: an alert without a partner tenant (from before partner isolation). */
const alert = (alertKey: string, kind: AlertKind, ticketId: string, partnerTenantId: string | null = PARTNER_A) => ({
  alertKey,
  kind,
  ticketId,
  partnerTenantId: partnerTenantId ?? undefined,
});

describe.each(testDatabases())('AlertDeliveryStore on $name', (database) => {
  let dataSource: DataSource;
  let store: AlertDeliveryStore;
  let now: Date;

  beforeAll(async () => {
    dataSource = await database.open();
    store = new AlertDeliveryStore(dataSource, () => now);
  });
  beforeEach(() => {
    now = new Date('2026-11-24T11:00:00.000Z');
  });
  afterAll(() => database.close(dataSource));

  const later = (seconds: number) => {
    now = new Date(now.getTime() + seconds * 1000);
  };

  it('prepares a delivery once, keyed by alert and subscription; a repeat returns it unchanged', async () => {
    const first = await store.prepare(alert('T-1:breach', 'breach', 'T-1'), subscription, { summary: 'first' });
    expect(first).toEqual({
      id: `T-1:breach:${subscription.id}`,
      alertKey: 'T-1:breach',
      subscriptionId: subscription.id,
      ticketId: 'T-1',
      partnerTenantId: PARTNER_A,
      kind: 'breach',
      payload: '{"summary":"first"}',
      status: 'pending',
      heldUntil: null,
      attemptCount: 0,
      lastError: null,
      createdAt: '2026-11-24T11:00:00.000Z',
      deliveredAt: null,
      updatedAt: '2026-11-24T11:00:00.000Z',
    });
    later(5);
    expect(await store.prepare(alert('T-1:breach', 'breach', 'T-1'), subscription, { summary: 'again' })).toEqual(first);
  });

  it('prepares a delivery held for quiet hours, released by its first attempt whatever its outcome, the hold kept on record', async () => {
    const until = '2026-11-25T08:00:00.000Z';
    const held = await store.prepare(alert('T-9:warning', 'warning', 'T-9'), subscription, {}, until);
    expect(held).toMatchObject({ status: 'held', heldUntil: until, attemptCount: 0 });
    expect((await store.list({ status: 'held', limit: 10 }, 'all')).map(({ id }) => id)).toEqual([held.id]);
    const failed = await store.recordAttempt(held.id, { error: 'connection refused', delivered: false });
    expect(failed).toMatchObject({ status: 'pending', heldUntil: until, attemptCount: 1 });
    expect(await store.recordAttempt(held.id, { httpStatus: 200, delivered: true })).toMatchObject({ status: 'delivered', heldUntil: until });

    const other = await store.prepare(alert('T-9:breach', 'breach', 'T-9'), subscription, {}, until);
    expect(await store.recordAttempt(other.id, { httpStatus: 204, delivered: true })).toMatchObject({ status: 'delivered', heldUntil: until });
  });

  it('records failed attempts with their reasons, then the delivery', async () => {
    const { id } = await store.prepare(alert('T-2:escalation:1', 'escalation', 'T-2'), subscription, {});
    later(1);
    const failed = await store.recordAttempt(id, { httpStatus: 500, error: 'HTTP 500', delivered: false });
    expect(failed).toMatchObject({ status: 'pending', attemptCount: 1, lastError: 'HTTP 500', deliveredAt: null });
    later(1);
    await store.recordAttempt(id, { error: 'no answer within 10000 ms', delivered: false });
    later(1);
    const delivered = await store.recordAttempt(id, { httpStatus: 204, delivered: true });
    expect(delivered).toMatchObject({
      status: 'delivered',
      attemptCount: 3,
      lastError: null,
      deliveredAt: '2026-11-24T11:00:03.000Z',
      updatedAt: '2026-11-24T11:00:03.000Z',
    });

    const detail = await store.get(id, 'all');
    expect(detail?.attempts.map(({ attemptedAt, httpStatus, error, outcome }) => ({ attemptedAt, httpStatus, error, outcome })))
      .toEqual([
        { attemptedAt: '2026-11-24T11:00:01.000Z', httpStatus: 500, error: 'HTTP 500', outcome: 'failed' },
        { attemptedAt: '2026-11-24T11:00:02.000Z', httpStatus: null, error: 'no answer within 10000 ms', outcome: 'failed' },
        { attemptedAt: '2026-11-24T11:00:03.000Z', httpStatus: 204, error: null, outcome: 'delivered' },
      ]);
  });

  it('keeps the first delivery time, and the delivered status when a re-send fails', async () => {
    const { id } = await store.prepare(alert('T-3:closure', 'closure', 'T-3'), subscription, {});
    await store.recordAttempt(id, { httpStatus: 200, delivered: true });
    later(60);
    await store.recordAttempt(id, { httpStatus: 200, delivered: true });
    later(60);
    const resent = await store.recordAttempt(id, { httpStatus: 503, error: 'HTTP 503', delivered: false });
    expect(resent).toMatchObject({ status: 'delivered', attemptCount: 3, deliveredAt: '2026-11-24T11:00:00.000Z', lastError: 'HTTP 503' });
  });

  it('marks a delivery dead with the reason, but never one already delivered', async () => {
    const { id } = await store.prepare(alert('T-4:warning', 'warning', 'T-4'), subscription, {});
    await store.recordAttempt(id, { httpStatus: 500, error: 'HTTP 500', delivered: false });
    expect(await store.markDead(id, 'retries exhausted: HTTP 500')).toMatchObject({
      status: 'dead',
      lastError: 'retries exhausted: HTTP 500',
      attemptCount: 1,
    });
    const failedAgain = await store.recordAttempt(id, { httpStatus: 500, error: 'HTTP 500', delivered: false });
    expect(failedAgain.status).toBe('dead');
    expect((await store.recordAttempt(id, { httpStatus: 200, delivered: true })).status).toBe('delivered');
    expect(await store.markDead(id, 'too late')).toMatchObject({ status: 'delivered', lastError: null });
    expect(await store.markDead('unknown', 'reason')).toBeUndefined();
  });

  it('refuses to record an attempt for an unknown delivery', async () => {
    await expect(store.recordAttempt('unknown', { delivered: true })).rejects.toThrow('No alert delivery "unknown"');
    expect(await store.get('unknown', 'all')).toBeUndefined();
  });

  it('lists deliveries newest first, by ticket and status, up to the limit', async () => {
    await dataSource.query('DELETE FROM alert_deliveries');
    for (const ticketId of ['Z-1', 'A-2', 'M-3']) {
      later(1);
      await store.prepare(alert(`${ticketId}:breach`, 'breach', ticketId), subscription, {});
    }
    await store.recordAttempt(`A-2:breach:${subscription.id}`, { httpStatus: 200, delivered: true });
    const tickets = (deliveries: Array<{ ticketId: string }>) => deliveries.map((d) => d.ticketId);
    expect(tickets(await store.list({ limit: 10 }, 'all'))).toEqual(['M-3', 'A-2', 'Z-1']);
    expect(tickets(await store.list({ limit: 2 }, 'all'))).toEqual(['M-3', 'A-2']);
    expect(tickets(await store.list({ ticketId: 'Z-1', limit: 10 }, 'all'))).toEqual(['Z-1']);
    expect(tickets(await store.list({ status: 'pending', limit: 10 }, 'all'))).toEqual(['M-3', 'Z-1']);
    expect(tickets(await store.list({ status: 'delivered', ticketId: 'A-2', limit: 10 }, 'all'))).toEqual(['A-2']);
    expect(await store.list({ status: 'dead', limit: 10 }, 'all')).toEqual([]);
  });

  it('records the alert\'s partner tenant, lower-case, and none for an alert without one', async () => {
    expect(await store.prepare(alert('P-1:breach', 'breach', 'P-1', PARTNER_B.toUpperCase()), subscription, {})).toMatchObject({
      partnerTenantId: PARTNER_B,
    });
    expect(await store.prepare(alert('P-2:breach', 'breach', 'P-2', null), subscription, {})).toMatchObject({ partnerTenantId: null });
  });

  it("lists and shows only the deliveries of the principal's partner tenants; those of no partner only to all", async () => {
    await dataSource.query('DELETE FROM alert_deliveries');
    const prepared = {
      a: await store.prepare(alert('S-1:breach', 'breach', 'S-1', PARTNER_A), subscription, {}),
      b: await store.prepare(alert('S-2:breach', 'breach', 'S-2', PARTNER_B), subscription, {}),
      // Two partners may each have a ticket S-3.
      sameIdB: await store.prepare(alert(`${PARTNER_B}~S-3:breach`, 'breach', 'S-3', PARTNER_B), subscription, {}),
      sameIdA: await store.prepare(alert(`${PARTNER_A}~S-3:breach`, 'breach', 'S-3', PARTNER_A), subscription, {}),
      none: await store.prepare(alert('S-4:breach', 'breach', 'S-4', null), subscription, {}),
    };
    const ids = (deliveries: Array<{ id: string }>) => deliveries.map((d) => d.id).sort();
    const listed = async (partners: 'all' | string[], ticketId?: string) => ids(await store.list({ ticketId, limit: 10 }, partners));

    expect(await listed('all')).toEqual(ids(Object.values(prepared)));
    expect(await listed([PARTNER_A])).toEqual(ids([prepared.a, prepared.sameIdA]));
    expect(await listed([PARTNER_B])).toEqual(ids([prepared.b, prepared.sameIdB]));
    expect(await listed([PARTNER_A, PARTNER_B])).toEqual(ids([prepared.a, prepared.b, prepared.sameIdA, prepared.sameIdB]));
    expect(await listed([])).toEqual([]);
    expect(await listed([PARTNER_A], 'S-3')).toEqual(ids([prepared.sameIdA]));
    expect(await listed([PARTNER_A], 'S-2')).toEqual([]);
    expect(await listed('all', 'S-3')).toEqual(ids([prepared.sameIdA, prepared.sameIdB]));

    expect(await store.get(prepared.a.id, [PARTNER_A])).toMatchObject({ id: prepared.a.id, attempts: [] });
    expect(await store.get(prepared.a.id, [PARTNER_B])).toBeUndefined();
    expect(await store.get(prepared.a.id, [])).toBeUndefined();
    expect(await store.get(prepared.none.id, [PARTNER_A, PARTNER_B])).toBeUndefined();
    expect(await store.get(prepared.none.id, 'all')).toMatchObject({ id: prepared.none.id, partnerTenantId: null });
  });
});
