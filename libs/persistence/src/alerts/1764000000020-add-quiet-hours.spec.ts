import { randomBytes } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { aWebhookAlert } from '@escalade/alerting/testing';
import { KeyRing } from '@escalade/secrets';
import { testDatabases } from '../testing/test-databases';
import { AddQuietHours1764000000020 } from './1764000000020-add-quiet-hours';
import { AlertDeliveryStore } from './alert-delivery.store';
import { AlertSubscriptionStore } from './alert-subscription.store';

const migration = new AddQuietHours1764000000020();
const EVERY_DAY: Array<[number, number]> = [[540, 1020]];

describe.each(testDatabases())('AddQuietHours1764000000020 on $name', (database) => {
  // One database, the tests in order: a subscription and a delivery from before the columns, migrated, then undone.
  let dataSource: DataSource;
  let runner: QueryRunner;
  let subscriptions: AlertSubscriptionStore;
  let existing: string;
  let delivery: string;
  beforeAll(async () => {
    dataSource = await database.open();
    runner = dataSource.createQueryRunner();
    subscriptions = new AlertSubscriptionStore(dataSource, new KeyRing(randomBytes(32)));
    existing = (await subscriptions.create({ url: 'https://hooks.example.com/before', secret: 'a-secret-of-16-chars' })).id;
    delivery = (await new AlertDeliveryStore(dataSource).prepare(aWebhookAlert(), { id: existing }, {})).id;
    await migration.down(runner);
    await migration.up(runner);
  });
  afterAll(() => runner.release().then(() => database.close(dataSource)));

  it('gives existing subscriptions no hours and existing deliveries no hold: everything goes at once, as before', async () => {
    expect(await dataSource.query('SELECT id, calendar FROM alert_subscriptions')).toEqual([{ id: existing, calendar: null }]);
    expect(await dataSource.query('SELECT id, status, held_until FROM alert_deliveries')).toEqual([{ id: delivery, status: 'pending', held_until: null }]);
    expect((await subscriptions.list('all')).map((subscription) => subscription.calendar)).toEqual([null]);
  });

  it('keeps a calendar given after it', async () => {
    const calendar = { timeZone: 'Europe/Paris', week: { 1: EVERY_DAY, 2: EVERY_DAY }, holidays: ['2026-12-25'] };
    const { id } = await subscriptions.create({ url: 'https://hooks.example.com/after', secret: 'a-secret-of-16-chars', calendar });
    expect((await subscriptions.get(id, 'all'))?.calendar).toEqual(calendar);
    await subscriptions.delete(id, 'all');
  });

  it('drops the columns when undone', async () => {
    await migration.down(runner);
    expect((await runner.getTable('alert_subscriptions'))?.findColumnByName('calendar')).toBeUndefined();
    expect((await runner.getTable('alert_deliveries'))?.findColumnByName('held_until')).toBeUndefined();
    await migration.up(runner);
  });
});
