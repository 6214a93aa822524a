import { randomBytes } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { aWebhookAlert } from '@escalade/alerting/testing';
import { KeyRing } from '@escalade/secrets';
import { testDatabases } from '../testing/test-databases';
import { AddAlertSubscriptionLevels1764000000019 } from './1764000000019-add-alert-subscription-levels';
import { AlertSubscriptionStore } from './alert-subscription.store';

const migration = new AddAlertSubscriptionLevels1764000000019();

describe.each(testDatabases())('AddAlertSubscriptionLevels1764000000019 on $name', (database) => {
  // One database, the tests in order: a subscription from before the column, migrated, then undone.
  let dataSource: DataSource;
  let runner: QueryRunner;
  let store: AlertSubscriptionStore;
  let existing: string;
  beforeAll(async () => {
    dataSource = await database.open();
    runner = dataSource.createQueryRunner();
    store = new AlertSubscriptionStore(dataSource, new KeyRing(randomBytes(32)));
    existing = (await store.create({ url: 'https://hooks.example.com/before', secret: 'a-secret-of-16-chars', levels: [2] })).id;
    await migration.down(runner);
    await migration.up(runner);
  });
  afterAll(() => runner.release().then(() => database.close(dataSource)));

  it('gives an existing subscription no levels filter: it takes every alert, as before', async () => {
    expect(await dataSource.query('SELECT id, levels FROM alert_subscriptions')).toEqual([{ id: existing, levels: '[]' }]);
    expect((await store.list('all')).map((subscription) => subscription.levels)).toEqual([[]]);
    expect((await store.matching(aWebhookAlert())).map((subscription) => subscription.id)).toEqual([existing]);
  });

  it('drops the column when undone', async () => {
    await migration.down(runner);
    expect((await runner.getTable('alert_subscriptions'))?.findColumnByName('levels')).toBeUndefined();
    await migration.up(runner);
  });
});
