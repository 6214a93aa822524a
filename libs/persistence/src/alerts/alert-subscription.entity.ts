import { Column, Entity, PrimaryColumn, type ValueTransformer } from 'typeorm';
import type { AlertFormat, AlertKind, SignatureScheme } from '@escalade/alerting';
import type { BusinessCalendar, Product, Severity } from '@escalade/domain';

/** Arrays as JSON text: the same column type on SQLite and PostgreSQL. */
const jsonArray: ValueTransformer = {
  to: (value: unknown[]) => JSON.stringify(value),
  from: (value: string) => JSON.parse(value),
};

/** An optional JSON value as JSON text, null for none. */
const optionalJson: ValueTransformer = {
  to: (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value)),
  from: (value: string | null) => (value === null ? null : JSON.parse(value)),
};

/** Every partner tenant, stored as `["*"]`. */
export const EVERY_PARTNER = '*';

/** Partner tenants as JSON text: a JSON array of lower-case GUIDs, or `["*"]` for every partner tenant. */
const partnerTenantIds: ValueTransformer = {
  to: (value: readonly string[] | typeof EVERY_PARTNER) => JSON.stringify(value === EVERY_PARTNER ? [EVERY_PARTNER] : value),
  from: (value: string) => {
    const tenants = JSON.parse(value) as string[];
    return tenants.length === 1 && tenants[0] === EVERY_PARTNER ? EVERY_PARTNER : tenants;
  },
};

/**
 * A webhook, or an e-mail address, that receives the alerts its filters admit; an empty filter admits everything. The
 * partner tenants are no filter but a scope: only alerts of tickets those partners filed, and only principals acting for
 * all of them see it. Its credentials (the URL, which for Slack or Teams is one, and the signing secret; or the e-mail
 * address, a person's) are stored encrypted with the key ring (see AlertSubscriptionStore); only their redacted form is
 * stored in clear, to be shown.
 */
@Entity({ name: 'alert_subscriptions' })
export class AlertSubscriptionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /**
   * What may be shown of where deliveries go: the URL redacted (redactedWebhookUrl), or the e-mail address
   * (redactedEmailAddress). The column is named from before e-mail.
   */
  @Column({ name: 'redacted_url', type: 'varchar', length: 2000 })
  redactedDestination!: string;

  /** `{ url, secret }` or `{ email }` as JSON, sealed with AES-256-GCM, the subscription's id as context (see KeyRing). */
  @Column({ name: 'credentials_ciphertext', type: 'text' })
  credentialsCiphertext!: string;

  @Column({ name: 'credentials_iv', type: 'varchar', length: 24 })
  credentialsIv!: string;

  @Column({ name: 'credentials_auth_tag', type: 'varchar', length: 24 })
  credentialsAuthTag!: string;

  /** The key that sealed them: `npm run secrets:rotate` seals again what an older key sealed. */
  @Column({ name: 'credentials_key_id', type: 'varchar', length: 32 })
  credentialsKeyId!: string;

  @Column({ type: 'text', transformer: jsonArray })
  severities!: Severity[];

  @Column({ type: 'text', transformer: jsonArray })
  products!: Product[];

  /** Customer names or domains. */
  @Column({ type: 'text', transformer: jsonArray })
  customers!: string[];

  @Column({ type: 'text', transformer: jsonArray })
  kinds!: AlertKind[];

  /** Escalation ladder levels: only alerts at one of them (escalations); empty, every alert, with a level or none. */
  @Column({ type: 'text', transformer: jsonArray })
  levels!: number[];

  @Column({ type: 'varchar', length: 10 })
  format!: AlertFormat;

  /** The recipient's hours: alerts below severity A raised outside them are held until the next opening. Null: none. */
  @Column({ type: 'text', nullable: true, transformer: optionalJson })
  calendar!: BusinessCalendar | null;

  @Column({ name: 'signature_scheme', type: 'varchar', length: 20, default: 'escalade-v1' })
  signatureScheme!: SignatureScheme;

  /** The partner tenants whose tickets' alerts it receives (lower-case GUIDs), or `'*'`: every one. */
  @Column({ name: 'partner_tenant_ids', type: 'text', transformer: partnerTenantIds })
  partnerTenantIds!: string[] | typeof EVERY_PARTNER;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;
}
