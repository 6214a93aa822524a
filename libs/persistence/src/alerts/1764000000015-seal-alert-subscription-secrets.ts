import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import { redactedWebhookUrl, type AlertFormat } from '@escalade/alerting';
import type { KeyRing } from '@escalade/secrets';

const SEALED_COLUMNS = ['credentials_ciphertext', 'credentials_iv', 'credentials_auth_tag', 'credentials_key_id'];
const CLEAR_COLUMNS = ['url', 'secret'];

/**
 * A subscription's credentials leave the clear: its URL (for Slack or Teams, a credential) and its signing secret are
 * sealed together with the key ring (AES-256-GCM, the subscription's id as context, the key's id beside them), and only
 * the URL redacted stays readable, to be shown. Existing subscriptions are sealed here, and the clear columns dropped.
 * Also `signature_scheme`: how deliveries are signed, 'escalade-v1' for every existing subscription.
 *
 * TypeORM makes migrations with `new`, without arguments: the key ring comes from `sealingWith` (see migrationsWith).
 * Without it, the migration still runs on a table with no subscription, and refuses otherwise.
 */
export class SealAlertSubscriptionSecrets1764000000015 implements MigrationInterface {
  name = 'SealAlertSubscriptionSecrets1764000000015';

  /** This migration, sealing with `keyRing` (asked only when there is something to seal or open). */
  static sealingWith(keyRing: () => KeyRing): typeof SealAlertSubscriptionSecrets1764000000015 {
    return class SealAlertSubscriptionSecrets1764000000015 extends this {
      protected override keyRing(): KeyRing {
        return keyRing();
      }
    };
  }

  protected keyRing(): KeyRing {
    throw new Error(
      `${this.name} seals the alert subscriptions' webhook secrets, and needs the encryption key for it: ` +
        'run the migrations with `npm run migrate` or the worker, which read it from the configuration (SECRETS_ENCRYPTION_KEY)',
    );
  }

  async up(queryRunner: QueryRunner): Promise<void> {
    const columns = [
      new TableColumn({ name: 'redacted_url', type: 'varchar', length: '2000', isNullable: true }),
      new TableColumn({ name: 'credentials_ciphertext', type: 'text', isNullable: true }),
      new TableColumn({ name: 'credentials_iv', type: 'varchar', length: '24', isNullable: true }),
      new TableColumn({ name: 'credentials_auth_tag', type: 'varchar', length: '24', isNullable: true }),
      new TableColumn({ name: 'credentials_key_id', type: 'varchar', length: '32', isNullable: true }),
    ];
    await queryRunner.addColumns('alert_subscriptions', [
      ...columns,
      new TableColumn({ name: 'signature_scheme', type: 'varchar', length: '20', default: "'escalade-v1'" }),
    ]);

    const rows: Array<{ id: string; url: string; secret: string; format: AlertFormat }> = await queryRunner.query(
      'SELECT id, url, secret, format FROM alert_subscriptions',
    );
    for (const { id, url, secret, format } of rows) {
      const sealed = this.keyRing().seal(JSON.stringify({ url, secret }), id);
      await update(
        queryRunner,
        `UPDATE alert_subscriptions SET redacted_url = :redactedUrl, credentials_ciphertext = :ciphertext, credentials_iv = :iv,
           credentials_auth_tag = :authTag, credentials_key_id = :keyId WHERE id = :id`,
        { ...sealed, redactedUrl: redactedWebhookUrl(url, format), id },
      );
    }
    await queryRunner.changeColumns('alert_subscriptions', columns.map((column) => ({ oldColumn: column, newColumn: required(column) })));
    await queryRunner.dropColumns('alert_subscriptions', CLEAR_COLUMNS);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const columns = [
      new TableColumn({ name: 'url', type: 'varchar', length: '2000', isNullable: true }),
      new TableColumn({ name: 'secret', type: 'varchar', length: '200', isNullable: true }),
    ];
    await queryRunner.addColumns('alert_subscriptions', columns);
    const rows: Array<{ id: string; ciphertext: string; iv: string; authTag: string; keyId: string }> = await queryRunner.query(
      `SELECT id, credentials_ciphertext AS ciphertext, credentials_iv AS iv, credentials_auth_tag AS "authTag",
         credentials_key_id AS "keyId" FROM alert_subscriptions`,
    );
    for (const { id, ...sealed } of rows) {
      const { url, secret } = JSON.parse(this.keyRing().open(sealed, id)) as { url: string; secret: string };
      await update(queryRunner, 'UPDATE alert_subscriptions SET url = :url, secret = :secret WHERE id = :id', { url, secret, id });
    }
    await queryRunner.changeColumns('alert_subscriptions', columns.map((column) => ({ oldColumn: column, newColumn: required(column) })));
    await queryRunner.dropColumns('alert_subscriptions', [...SEALED_COLUMNS, 'redacted_url', 'signature_scheme']);
  }
}

/** Nullable first (SQLite copies the existing rows into the rebuilt table), filled, then required. */
function required(column: TableColumn): TableColumn {
  const changed = column.clone();
  changed.isNullable = false;
  return changed;
}

function update(queryRunner: QueryRunner, sql: string, parameters: Record<string, unknown>): Promise<unknown> {
  return queryRunner.query(...queryRunner.connection.driver.escapeQueryWithParameters(sql, parameters, {}));
}
