import type { DataSource } from 'typeorm';
import { testDatabases } from '../testing/test-databases';
import { AlertSubscriptionStore } from './alert-subscription.store';
import { aWebhookAlert } from './testing/webhook-alert.fixture';

const SECRET = 'a-secret-of-16-chars-or-more';

describe.each(testDatabases())('AlertSubscriptionStore on $name', (database) => {
  let dataSource: DataSource;
  let store: AlertSubscriptionStore;

  beforeAll(async () => {
    dataSource = await database.open();
    store = new AlertSubscriptionStore(dataSource);
  });
  afterAll(() => database.close(dataSource));
  afterEach(() => dataSource.query('DELETE FROM alert_subscriptions'));

  it('creates a subscription with a UUID and every filter open by default, in JSON format', async () => {
    const created = await store.create({ url: 'https://hooks.example.com/a', secret: SECRET });
    expect(created).toMatchObject({
      url: 'https://hooks.example.com/a',
      secret: SECRET,
      severities: [],
      products: [],
      customers: [],
      kinds: [],
      format: 'json',
    });
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await store.get(created.id)).toEqual(created);
  });

  it('lists subscriptions without their secrets', async () => {
    const { id } = await store.create({ url: 'https://hooks.example.com/b', secret: SECRET, severities: ['A'] });
    const listed = await store.list();
    expect(listed).toEqual([expect.objectContaining({ id, severities: ['A'] })]);
    expect(listed[0]).not.toHaveProperty('secret');
  });

  it('deletes a subscription once', async () => {
    const { id } = await store.create({ url: 'https://hooks.example.com/c', secret: SECRET });
    expect(await store.delete(id)).toBe(true);
    expect(await store.delete(id)).toBe(false);
    expect(await store.get(id)).toBeUndefined();
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
});
