import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { KeyRing } from '@escalade/secrets';
import { AlertSubscriptionStore } from './alerts/alert-subscription.store';
import { PartnerCenterCredentialStore } from './partner-center-credentials/partner-center-credential.store';
import { resealSecrets } from './secrets-at-rest';
import { databaseDumps } from './testing/database-dump';
import { testDatabases } from './testing/test-databases';

const SECRETS = {
  signing: 'whsec-signing-secret-of-a-subscription',
  slackUrlToken: 'slackUrlTokenXXXXXXXXXXXX',
  queryToken: 'query-string-token-value',
  password: 'userinfo-password',
  refreshToken: '0.AXoA-partner-center-refresh-token-value',
  emailMailbox: 'duty.manager.of.contoso',
};

describe.each(testDatabases())('secrets at rest on $name', (database) => {
  const oldKey = randomBytes(32);
  let dataSource: DataSource;

  beforeAll(async () => (dataSource = await database.open()));
  afterAll(() => database.close(dataSource));
  afterEach(async () => {
    await dataSource.query('DELETE FROM alert_subscriptions');
    await dataSource.query('DELETE FROM partner_center_credentials');
  });

  async function storeSecrets(keyRing: KeyRing): Promise<string[]> {
    const subscriptions = new AlertSubscriptionStore(dataSource, keyRing);
    const created = [
      await subscriptions.create({ url: `https://hooks.slack.com/services/T0001/B0002/${SECRETS.slackUrlToken}`, secret: SECRETS.signing, format: 'slack' }),
      await subscriptions.create({ url: `https://bot:${SECRETS.password}@hooks.example.com/in?token=${SECRETS.queryToken}`, secret: SECRETS.signing }),
      await subscriptions.create({ email: `${SECRETS.emailMailbox}@contoso.com`, format: 'email' }),
    ];
    await new PartnerCenterCredentialStore(dataSource, keyRing).put('partner-tenant/escalade-app', { refreshToken: SECRETS.refreshToken, seedHash: 'a'.repeat(64) }, 0);
    return created.map((subscription) => subscription.id);
  }

  it('leaves no webhook secret, webhook URL token, e-mail address nor refresh token in clear in a dump of the database', async () => {
    const ids = await storeSecrets(new KeyRing(oldKey));

    const dumps = await databaseDumps(dataSource);
    expect(dumps.map((dump) => dump.by)).toContain('every row of every table');
    for (const { by, text } of dumps) {
      // The dump has the rows: their ids, and the URLs redacted.
      for (const id of ids) expect({ by, found: text.includes(id) }).toEqual({ by, found: true });
      expect({ by, found: text.includes('https://hooks.slack.com/services/T000…/…') }).toEqual({ by, found: true });
      for (const [name, secret] of Object.entries(SECRETS)) expect({ by, name, found: text.includes(secret) }).toEqual({ by, name, found: false });
    }
  });

  it('seals again under the current key every value an older key sealed, and nothing on a second run', async () => {
    await storeSecrets(new KeyRing(oldKey));
    const newKey = randomBytes(32);
    const rotated = new KeyRing(newKey, [oldKey]);

    expect(await resealSecrets(dataSource, rotated)).toEqual({
      alertSubscriptionCredentials: { sealed: 3, resealed: 3 },
      partnerCenterRefreshTokens: { sealed: 1, resealed: 1 },
    });
    expect(await resealSecrets(dataSource, rotated)).toEqual({
      alertSubscriptionCredentials: { sealed: 3, resealed: 0 },
      partnerCenterRefreshTokens: { sealed: 1, resealed: 0 },
    });
    const newKeyOnly = new KeyRing(newKey);
    expect(await new PartnerCenterCredentialStore(dataSource, newKeyOnly).get('partner-tenant/escalade-app')).toMatchObject({ refreshToken: SECRETS.refreshToken });
    const subscriptions = new AlertSubscriptionStore(dataSource, newKeyOnly);
    const opened = await Promise.all((await subscriptions.list('all')).map(({ id }) => subscriptions.get(id, 'all')));
    expect(opened).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ secret: SECRETS.signing }),
        expect.objectContaining({ email: `${SECRETS.emailMailbox}@contoso.com` }),
      ]),
    );
  });
});
