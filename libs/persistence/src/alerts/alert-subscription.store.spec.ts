import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { aWebhookAlert } from '@escalade/alerting/testing';
import { KeyRing } from '@escalade/secrets';
import { testDatabases } from '../testing/test-databases';
import { AlertSubscriptionStore } from './alert-subscription.store';

const SECRET = 'a-secret-of-16-chars-or-more';
const PARTNER_A = '0a1b2c3d-0000-4000-8000-00000000000a';
const PARTNER_B = '0a1b2c3d-0000-4000-8000-00000000000b';
const PARTNER_C = '0a1b2c3d-0000-4000-8000-00000000000c';

describe.each(testDatabases())('AlertSubscriptionStore on $name', (database) => {
  const key = randomBytes(32);
  let dataSource: DataSource;
  let store: AlertSubscriptionStore;

  beforeAll(async () => {
    dataSource = await database.open();
    store = new AlertSubscriptionStore(dataSource, new KeyRing(key));
  });
  afterAll(() => database.close(dataSource));
  afterEach(() => dataSource.query('DELETE FROM alert_subscriptions'));

  it('creates a subscription with a UUID and every filter open by default, in JSON format signed v1=, for every partner', async () => {
    const created = await store.create({ url: 'https://hooks.example.com/a', secret: SECRET });
    expect(created).toMatchObject({
      url: 'https://hooks.example.com/a',
      secret: SECRET,
      severities: [],
      products: [],
      customers: [],
      kinds: [],
      format: 'json',
      signatureScheme: 'escalade-v1',
      partnerTenantIds: '*',
    });
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await store.get(created.id, 'all')).toEqual(created);
    const [row] = await dataSource.query(`SELECT partner_tenant_ids FROM alert_subscriptions WHERE id = '${created.id}'`);
    expect(row.partner_tenant_ids).toBe('["*"]');
  });

  it('stores partner tenants lower-case, each once, as a JSON array; refuses none, and anything but GUIDs', async () => {
    const partnerTenantIds = [PARTNER_B.toUpperCase(), PARTNER_A, PARTNER_B];
    const created = await store.create({ url: 'https://hooks.example.com/p', secret: SECRET, partnerTenantIds });
    expect(created.partnerTenantIds).toEqual([PARTNER_B, PARTNER_A]);
    expect((await store.get(created.id, 'all'))?.partnerTenantIds).toEqual([PARTNER_B, PARTNER_A]);
    const [row] = await dataSource.query(`SELECT partner_tenant_ids FROM alert_subscriptions WHERE id = '${created.id}'`);
    expect(row.partner_tenant_ids).toBe(JSON.stringify([PARTNER_B, PARTNER_A]));

    await expect(store.create({ url: 'https://hooks.example.com/p', secret: SECRET, partnerTenantIds: [] })).rejects.toThrow('at least one');
    await expect(store.create({ url: 'https://hooks.example.com/p', secret: SECRET, partnerTenantIds: ['*'] })).rejects.toThrow('must be GUIDs');
    await expect(store.create({ url: 'https://hooks.example.com/p', secret: SECRET, partnerTenantIds: ['contoso.com'] })).rejects.toThrow(
      'must be GUIDs',
    );
  });

  it('keeps the URL and the secret sealed under the current key, the URL redacted beside them, and opens them again', async () => {
    const url = 'https://user:password@hooks.example.com/sealed?token=url-token-value';
    const created = await store.create({ url, secret: SECRET, signatureScheme: 'standard-webhooks' });

    const rows: Array<Record<string, unknown>> = await dataSource.query(`SELECT * FROM alert_subscriptions WHERE id = '${created.id}'`);
    expect(rows[0]).toMatchObject({
      redacted_url: 'https://…@hooks.example.com/sealed?token=…',
      credentials_key_id: new KeyRing(key).currentKeyId,
      signature_scheme: 'standard-webhooks',
    });
    for (const clear of [SECRET, 'url-token-value', 'password']) expect(JSON.stringify(rows)).not.toContain(clear);
    expect(await store.get(created.id, 'all')).toMatchObject({ url, secret: SECRET, signatureScheme: 'standard-webhooks' });
  });

  it('refuses to open credentials sealed under a key it does not hold, and still lists them', async () => {
    const { id } = await store.create({ url: 'https://hooks.example.com/k', secret: SECRET });
    const withOtherKey = new AlertSubscriptionStore(dataSource, new KeyRing(randomBytes(32)));

    await expect(withOtherKey.get(id, 'all')).rejects.toThrow(`encrypted with key ${new KeyRing(key).currentKeyId}, which is not configured`);
    expect((await withOtherKey.list('all')).map((s) => s.id)).toEqual([id]);
  });

  it('lists subscriptions without their secrets, their URLs redacted', async () => {
    const { id } = await store.create({ url: 'https://hooks.example.com/b?sig=abc', secret: SECRET, severities: ['A'] });
    const slack = await store.create({ url: 'https://hooks.slack.com/services/T0001/B0002/XXXXXXXX', secret: SECRET, format: 'slack' });
    const listed = await store.list('all');
    expect(listed.map(({ id, url }) => ({ id, url }))).toEqual(
      expect.arrayContaining([
        { id, url: 'https://hooks.example.com/b?sig=…' },
        { id: slack.id, url: 'https://hooks.slack.com/services/T000…/…' },
      ]),
    );
    expect(listed).toEqual(expect.arrayContaining([expect.objectContaining({ id, severities: ['A'], partnerTenantIds: '*' })]));
    for (const subscription of listed) expect(subscription).not.toHaveProperty('secret');
  });

  it("keeps an e-mail subscription's address sealed, shown redacted, without URL nor secret, and opens it again", async () => {
    const email = 'duty.manager@contoso.com';
    const created = await store.create({ email, format: 'email' });
    expect(created).toMatchObject({ email, format: 'email' });
    expect(created).not.toHaveProperty('url');
    expect(created).not.toHaveProperty('secret');

    const rows: Array<Record<string, unknown>> = await dataSource.query(`SELECT * FROM alert_subscriptions WHERE id = '${created.id}'`);
    expect(rows[0]).toMatchObject({ redacted_url: 'd***@contoso.com' });
    expect(JSON.stringify(rows)).not.toContain('duty.manager');
    const [listed] = await store.list('all');
    expect(listed).toMatchObject({ id: created.id, email: 'd***@contoso.com' });
    expect(listed).not.toHaveProperty('url');
    expect(await store.get(created.id, 'all')).toEqual(created);
  });

  it('refuses credentials that do not fit the format: an address alone for email, a URL and a secret for the others', async () => {
    const url = 'https://hooks.example.com/e';
    const email = 'duty.manager@contoso.com';
    for (const refused of [{ format: 'email' as const }, { format: 'email' as const, email, url }, { format: 'email' as const, email, secret: SECRET }]) {
      await expect(store.create(refused)).rejects.toThrow('of format email names an e-mail address, and no URL nor secret');
    }
    for (const refused of [{ url }, { url, secret: SECRET, email }, { format: 'teams' as const, email }]) {
      await expect(store.create(refused)).rejects.toThrow('needs a URL and a secret, and no e-mail address');
    }
    expect(await store.list('all')).toEqual([]);
  });

  it('keeps ladder levels each once, in order; refuses any but positive integers', async () => {
    const created = await store.create({ url: 'https://hooks.example.com/l', secret: SECRET, levels: [3, 1, 3] });
    expect(created.levels).toEqual([1, 3]);
    expect((await store.get(created.id, 'all'))?.levels).toEqual([1, 3]);
    for (const levels of [[0], [1.5], [-1]]) {
      await expect(store.create({ url: 'https://hooks.example.com/l', secret: SECRET, levels })).rejects.toThrow('must be positive integers');
    }
  });

  it('seals again under the current key, once, what an older key sealed', async () => {
    const older = await store.create({ url: 'https://hooks.example.com/old', secret: SECRET });
    const current = randomBytes(32);
    const rotated = new AlertSubscriptionStore(dataSource, new KeyRing(current, [key]));
    const newer = await rotated.create({ url: 'https://hooks.example.com/new', secret: SECRET });

    expect(await rotated.resealStale()).toEqual({ sealed: 2, resealed: 1 });
    expect(await rotated.resealStale()).toEqual({ sealed: 2, resealed: 0 });
    const keyIds: Array<{ credentials_key_id: string }> = await dataSource.query('SELECT credentials_key_id FROM alert_subscriptions');
    expect(new Set(keyIds.map((row) => row.credentials_key_id))).toEqual(new Set([new KeyRing(current).currentKeyId]));
    const withCurrentOnly = new AlertSubscriptionStore(dataSource, new KeyRing(current));
    expect(await withCurrentOnly.get(older.id, 'all')).toMatchObject({ url: 'https://hooks.example.com/old', secret: SECRET });
    expect(await withCurrentOnly.get(newer.id, 'all')).toMatchObject({ url: 'https://hooks.example.com/new', secret: SECRET });
  });

  it('deletes a subscription once', async () => {
    const { id } = await store.create({ url: 'https://hooks.example.com/c', secret: SECRET });
    expect(await store.delete(id, 'all')).toBe(true);
    expect(await store.delete(id, 'all')).toBe(false);
    expect(await store.get(id, 'all')).toBeUndefined();
  });

  it('shows, lists and deletes a subscription only for principals acting for all its partners; "*" ones only for all', async () => {
    const url = 'https://hooks.example.com/scoped';
    const every = await store.create({ url, secret: SECRET, partnerTenantIds: '*' });
    const a = await store.create({ url, secret: SECRET, partnerTenantIds: [PARTNER_A] });
    const b = await store.create({ url, secret: SECRET, partnerTenantIds: [PARTNER_B] });
    const ab = await store.create({ url, secret: SECRET, partnerTenantIds: [PARTNER_A, PARTNER_B] });
    // Created within the same millisecond, perhaps: ordered by id then.
    const listed = async (partners: 'all' | string[]) => (await store.list(partners)).map((s) => s.id).sort();
    const ids = (...subscriptions: Array<{ id: string }>) => subscriptions.map((s) => s.id).sort();

    expect(await listed('all')).toEqual(ids(every, a, b, ab));
    expect(await listed([PARTNER_A])).toEqual(ids(a));
    expect(await listed([PARTNER_B, PARTNER_C])).toEqual(ids(b));
    expect(await listed([PARTNER_A, PARTNER_B])).toEqual(ids(a, b, ab));
    expect(await listed([])).toEqual([]);

    expect(await store.get(a.id, [PARTNER_A])).toMatchObject({ id: a.id });
    expect(await store.get(b.id, [PARTNER_A])).toBeUndefined();
    expect(await store.get(ab.id, [PARTNER_A])).toBeUndefined();
    expect(await store.get(every.id, [PARTNER_A, PARTNER_B, PARTNER_C])).toBeUndefined();

    expect(await store.delete(b.id, [PARTNER_A])).toBe(false);
    expect(await store.delete(every.id, [PARTNER_A, PARTNER_B])).toBe(false);
    expect(await store.get(b.id, 'all')).toBeDefined();
    expect(await store.get(every.id, 'all')).toBeDefined();
    expect(await store.delete(b.id, [PARTNER_B])).toBe(true);
    expect(await store.delete(every.id, 'all')).toBe(true);
  });

  it('matches an alert against every filter, customers by name or domain whatever the case', async () => {
    const url = 'https://hooks.example.com/m';
    const ids = {
      all: (await store.create({ url, secret: SECRET })).id,
      severityA: (await store.create({ url, secret: SECRET, severities: ['A'] })).id,
      severityB: (await store.create({ url, secret: SECRET, severities: ['B', 'C'] })).id,
      office: (await store.create({ url, secret: SECRET, products: ['office365'] })).id,
      contosoByName: (await store.create({ url, secret: SECRET, customers: ['contoso ltd'] })).id,
      contosoByDomain: (await store.create({ url, secret: SECRET, customers: ['Litware', 'CONTOSO.COM'] })).id,
      litware: (await store.create({ url, secret: SECRET, customers: ['litware.com'] })).id,
      escalations: (await store.create({ url, secret: SECRET, kinds: ['escalation'] })).id,
      azureBreaches: (await store.create({ url, secret: SECRET, kinds: ['breach', 'warning'], products: ['azure'] })).id,
    };
    const matched = async (alert = aWebhookAlert()) => (await store.matching(alert)).map((s) => s.id).sort();
    const expected = (...names: Array<keyof typeof ids>) => names.map((name) => ids[name]).sort();

    expect(await matched()).toEqual(expected('all', 'severityA', 'contosoByName', 'contosoByDomain', 'azureBreaches'));
    expect(await matched(aWebhookAlert({ kind: 'escalation', severity: 'B', product: 'office365' }))).toEqual(
      expected('all', 'severityB', 'office', 'contosoByName', 'contosoByDomain', 'escalations'),
    );
    expect(await matched(aWebhookAlert({ customer: { name: 'Litware Inc', domain: 'litware.com' } }))).toEqual(
      expected('all', 'severityA', 'litware', 'azureBreaches'),
    );
  });

  it('routes by ladder level: a levels filter admits only the alerts at one of its levels, never one without a level', async () => {
    const url = 'https://hooks.example.com/r';
    const ids = {
      all: (await store.create({ url, secret: SECRET })).id,
      coordinators: (await store.create({ url, secret: SECRET, levels: [1] })).id,
      dutyManager: (await store.create({ email: 'duty.manager@contoso.com', format: 'email', levels: [2] })).id,
      upper: (await store.create({ url, secret: SECRET, levels: [2, 3], kinds: ['escalation'] })).id,
    };
    const matched = async (level?: number, kind: 'escalation' | 'update-escalation' | 'breach' = 'escalation') =>
      (await store.matching(aWebhookAlert({ kind, level }))).map((s) => s.id).sort();
    const expected = (...names: Array<keyof typeof ids>) => names.map((name) => ids[name]).sort();

    expect(await matched(1)).toEqual(expected('all', 'coordinators'));
    expect(await matched(2)).toEqual(expected('all', 'dutyManager', 'upper'));
    expect(await matched(3)).toEqual(expected('all', 'upper'));
    expect(await matched(2, 'update-escalation')).toEqual(expected('all', 'dutyManager'));
    expect(await matched(undefined, 'breach')).toEqual(expected('all'));
  });

  it("matches an alert only for subscriptions of its partner tenant or of every one; one without a partner only the latter's", async () => {
    const url = 'https://hooks.example.com/p';
    const ids = {
      every: (await store.create({ url, secret: SECRET, partnerTenantIds: '*' })).id,
      a: (await store.create({ url, secret: SECRET, partnerTenantIds: [PARTNER_A] })).id,
      b: (await store.create({ url, secret: SECRET, partnerTenantIds: [PARTNER_B] })).id,
      ab: (await store.create({ url, secret: SECRET, partnerTenantIds: [PARTNER_A, PARTNER_B] })).id,
      aSeverityC: (await store.create({ url, secret: SECRET, partnerTenantIds: [PARTNER_A], severities: ['C'] })).id,
    };
    const matched = async (partnerTenantId?: string) =>
      (await store.matching(aWebhookAlert({ partnerTenantId, severity: 'A' }))).map((s) => s.id).sort();
    const expected = (...names: Array<keyof typeof ids>) => names.map((name) => ids[name]).sort();

    expect(await matched(PARTNER_A)).toEqual(expected('every', 'a', 'ab'));
    expect(await matched(PARTNER_A.toUpperCase())).toEqual(expected('every', 'a', 'ab'));
    expect(await matched(PARTNER_B)).toEqual(expected('every', 'b', 'ab'));
    expect(await matched(PARTNER_C)).toEqual(expected('every'));
    expect(await matched(undefined)).toEqual(expected('every'));
  });
});
