import { randomBytes } from 'node:crypto';
import { DataSource, type QueryRunner } from 'typeorm';
import { KeyRing } from '@escalade/secrets';
import { migrationsWith } from '../migrations';
import { testDatabases } from '../testing/test-databases';
import { SealAlertSubscriptionSecrets1764000000015 } from './1764000000015-seal-alert-subscription-secrets';
import { AlertSubscriptionStore } from './alert-subscription.store';

const NAME = 'SealAlertSubscriptionSecrets1764000000015';
const SLACK = {
  id: '11111111-1111-4111-8111-111111111111',
  url: 'https://hooks.slack.com/services/T0001/B0002/slack-url-token',
  secret: 'slack-signing-secret',
  format: 'slack',
};
const JSON_HOOK = {
  id: '22222222-2222-4222-8222-222222222222',
  url: 'https://hooks.example.com/in?key=query-token',
  secret: 'json-signing-secret',
  format: 'json',
};
const IN_CLEAR = ['slack-url-token', 'slack-signing-secret', 'query-token', 'json-signing-secret'];

describe.each(testDatabases())(`${NAME} on $name`, (database) => {
  const keyRing = new KeyRing(randomBytes(32));
  const sealing = new (SealAlertSubscriptionSecrets1764000000015.sealingWith(() => keyRing))();
  let dataSource: DataSource;
  let runner: QueryRunner;

  /** The table as it was before, with subscriptions whose URL and secret are in clear. */
  async function subscriptionsInClear(...subscriptions: Array<typeof SLACK>): Promise<void> {
    await sealing.down(runner);
    for (const subscription of subscriptions) {
      await runner.query(
        ...dataSource.driver.escapeQueryWithParameters(
          `INSERT INTO alert_subscriptions (id, url, secret, severities, products, customers, kinds, format, partner_tenant_ids, created_at)
           VALUES (:id, :url, :secret, '[]', '[]', '[]', '[]', :format, '["*"]', '2026-11-24T11:00:00.000Z')`,
          subscription,
          {},
        ),
      );
    }
  }
  const rows = (): Promise<Array<Record<string, unknown>>> => dataSource.query('SELECT * FROM alert_subscriptions ORDER BY id');

  beforeEach(async () => {
    dataSource = await database.open();
    runner = dataSource.createQueryRunner();
  });
  afterEach(async () => {
    await runner.release();
    await database.close(dataSource);
  });

  it('seals every URL and secret, keeps the URL redacted beside them and drops the clear columns', async () => {
    await subscriptionsInClear(SLACK, JSON_HOOK);
    await sealing.up(runner);

    const sealed = await rows();
    expect(sealed.map(({ id, redacted_url, credentials_key_id, signature_scheme }) => ({ id, redacted_url, credentials_key_id, signature_scheme }))).toEqual([
      { id: SLACK.id, redacted_url: 'https://hooks.slack.com/services/T000…/…', credentials_key_id: keyRing.currentKeyId, signature_scheme: 'escalade-v1' },
      { id: JSON_HOOK.id, redacted_url: 'https://hooks.example.com/in?key=…', credentials_key_id: keyRing.currentKeyId, signature_scheme: 'escalade-v1' },
    ]);
    for (const clear of IN_CLEAR) expect(JSON.stringify(sealed)).not.toContain(clear);
    const table = await runner.getTable('alert_subscriptions');
    expect(table?.findColumnByName('url')).toBeUndefined();
    expect(table?.findColumnByName('secret')).toBeUndefined();
    for (const column of ['redacted_url', 'credentials_ciphertext', 'credentials_iv', 'credentials_auth_tag', 'credentials_key_id', 'signature_scheme']) {
      expect(table?.findColumnByName(column)).toMatchObject({ isNullable: false });
    }

    const store = new AlertSubscriptionStore(dataSource, keyRing);
    expect(await store.get(SLACK.id, 'all')).toMatchObject({ url: SLACK.url, secret: SLACK.secret, format: 'slack', signatureScheme: 'escalade-v1' });
    expect(await store.get(JSON_HOOK.id, 'all')).toMatchObject({ url: JSON_HOOK.url, secret: JSON_HOOK.secret });
  });

  it('gets its key ring when TypeORM makes it, without arguments, from migrationsWith', async () => {
    await subscriptionsInClear(SLACK);
    await dataSource.query(`DELETE FROM migrations WHERE name = '${NAME}'`);

    const migrating = await new DataSource({ ...dataSource.options, migrations: migrationsWith(() => keyRing) }).initialize();
    try {
      expect((await migrating.runMigrations()).map((migration) => migration.name)).toEqual([NAME]);
    } finally {
      await migrating.destroy();
    }
    expect(await new AlertSubscriptionStore(dataSource, keyRing).get(SLACK.id, 'all')).toMatchObject({ url: SLACK.url, secret: SLACK.secret });
  });

  it('refuses, without a key ring, to leave secrets in clear, and needs none for a table without subscriptions', async () => {
    const withoutKeyRing = new SealAlertSubscriptionSecrets1764000000015();
    await subscriptionsInClear();
    await withoutKeyRing.up(runner);
    await subscriptionsInClear(JSON_HOOK);

    await expect(withoutKeyRing.up(runner)).rejects.toThrow(/needs the encryption key for it: run the migrations with `npm run migrate` or the worker/);
  });

  it('puts the URLs and secrets back in clear when undone', async () => {
    await subscriptionsInClear(SLACK, JSON_HOOK);
    await sealing.up(runner);
    await sealing.down(runner);

    expect((await rows()).map(({ id, url, secret }) => ({ id, url, secret }))).toEqual([
      { id: SLACK.id, url: SLACK.url, secret: SLACK.secret },
      { id: JSON_HOOK.id, url: JSON_HOOK.url, secret: JSON_HOOK.secret },
    ]);
  });
});
