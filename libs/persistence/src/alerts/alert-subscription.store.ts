import { randomUUID } from 'node:crypto';
import { Not, type DataSource, type Repository } from 'typeorm';
import {
  channelFor,
  DEFAULT_ALERT_FORMAT,
  redactedEmailAddress,
  redactedWebhookUrl,
  type AlertFormat,
  type AlertKind,
  type AlertSubscriptions,
  type SignatureScheme,
  type WebhookAlert,
} from '@escalade/alerting';
import type { BusinessCalendar, Product, Severity } from '@escalade/domain';
import type { KeyRing, SealedSecret } from '@escalade/secrets';
import type { PartnerTenants } from '../partner-tenants';
import type { ResealCount } from '../secrets-at-rest';
import { AlertSubscriptionEntity, EVERY_PARTNER } from './alert-subscription.entity';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface NewAlertSubscription {
  /** Where a webhook format's deliveries go, and what signs them; neither for `email`. */
  url?: string;
  secret?: string;
  /** Where an `email` subscription's deliveries go, instead. */
  email?: string;
  severities?: Severity[];
  products?: Product[];
  customers?: string[];
  kinds?: AlertKind[];
  /** Escalation ladder levels (positive integers): only alerts at one of them. Absent or empty: every alert. */
  levels?: number[];
  format?: AlertFormat;
  /** The recipient's hours (quiet hours outside them); `holidays` may be left out. Absent: every alert at once. */
  calendar?: Omit<BusinessCalendar, 'holidays'> & { holidays?: string[] };
  /** Absent: 'escalade-v1'. */
  signatureScheme?: SignatureScheme;
  /**
   * The partner tenants whose tickets' alerts it receives (GUIDs, any case), or '*' for every one. Absent: '*', as for
   * the worker's own callers; the API always passes the tenants its principal may give.
   */
  partnerTenantIds?: readonly string[] | typeof EVERY_PARTNER;
}

type SealedColumns = 'redactedDestination' | 'credentialsCiphertext' | 'credentialsIv' | 'credentialsAuthTag' | 'credentialsKeyId';

/**
 * Where deliveries go, sealed together: a webhook's URL and the secret that signs every delivery (never shown after
 * creation), or an `email` subscription's address.
 */
export type SubscriptionCredentials = { url: string; secret: string; email?: never } | { email: string; url?: never; secret?: never };

/** A subscription with its credentials opened: only for delivering to it. */
export type AlertSubscription = Omit<AlertSubscriptionEntity, SealedColumns> & SubscriptionCredentials;

/** What may be shown once the subscription exists: everything but the signing secret, the URL or the address redacted. */
export type PublicAlertSubscription = Omit<AlertSubscriptionEntity, SealedColumns> & ShownDestination;

/** Where deliveries go, redacted, under the name the format's subscriptions give it. */
type ShownDestination = { url: string; email?: never } | { email: string; url?: never };

export function toPublicSubscription(subscription: AlertSubscription): PublicAlertSubscription {
  const { url: _url, secret: _secret, email: _email, ...settings } = subscription;
  return shownAs(settings, redactedDestinationOf(subscription, subscription.format));
}

export type AlertFacts = Pick<WebhookAlert, 'kind' | 'severity' | 'product' | 'customer' | 'partnerTenantId' | 'level'>;

/** Whether the subscription receives alerts of this partner's tickets; an alert without a partner only reaches '*' ones. */
export function coversPartner(subscription: Pick<AlertSubscriptionEntity, 'partnerTenantIds'>, partnerTenantId: string | undefined): boolean {
  if (subscription.partnerTenantIds === EVERY_PARTNER) return true;
  return partnerTenantId !== undefined && subscription.partnerTenantIds.includes(partnerTenantId.toLowerCase());
}

/**
 * Whether a principal acting for `partners` may see (and delete) the subscription: only when every partner tenant it
 * covers is one of theirs, so a '*' subscription only by a principal acting for all of them.
 */
export function subscriptionVisibleTo(subscription: Pick<AlertSubscriptionEntity, 'partnerTenantIds'>, partners: PartnerTenants): boolean {
  if (partners === 'all') return true;
  if (subscription.partnerTenantIds === EVERY_PARTNER) return false;
  return subscription.partnerTenantIds.every((tenantId) => partners.includes(tenantId));
}

function admits(subscription: AlertSubscriptionEntity, alert: AlertFacts): boolean {
  const allows = <T>(filter: readonly T[], value: T) => filter.length === 0 || filter.includes(value);
  const customers = subscription.customers.map((c) => c.toLowerCase());
  return (
    coversPartner(subscription, alert.partnerTenantId) &&
    allows(subscription.kinds, alert.kind) &&
    allows<string>(subscription.severities, alert.severity) &&
    allows<string>(subscription.products, alert.product) &&
    (subscription.levels.length === 0 || (alert.level !== undefined && subscription.levels.includes(alert.level))) &&
    (customers.length === 0 ||
      customers.includes(alert.customer.name.toLowerCase()) ||
      customers.includes(alert.customer.domain.toLowerCase()))
  );
}

export class AlertSubscriptionStore implements AlertSubscriptions {
  private readonly subscriptions: Repository<AlertSubscriptionEntity>;

  constructor(
    dataSource: DataSource,
    private readonly keyRing: KeyRing,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.subscriptions = dataSource.getRepository(AlertSubscriptionEntity);
  }

  async create(input: NewAlertSubscription): Promise<AlertSubscription> {
    const id = randomUUID();
    const format = input.format ?? DEFAULT_ALERT_FORMAT;
    const credentials = credentialsFor(format, input);
    const subscription = this.subscriptions.create({
      id,
      redactedDestination: redactedDestinationOf(credentials, format),
      ...this.sealed(id, credentials),
      severities: input.severities ?? [],
      products: input.products ?? [],
      customers: input.customers ?? [],
      kinds: input.kinds ?? [],
      levels: levelsOf(input.levels ?? []),
      format,
      calendar: input.calendar ? { ...input.calendar, holidays: input.calendar.holidays ?? [] } : null,
      signatureScheme: input.signatureScheme ?? 'escalade-v1',
      partnerTenantIds: partnerTenantIdsOf(input.partnerTenantIds ?? EVERY_PARTNER),
      createdAt: this.clock().toISOString(),
    });
    await this.subscriptions.insert(subscription);
    return this.opened(subscription);
  }

  /**
   * Oldest first, without secrets, the URLs redacted: those whose partner tenants are all among `partners` (see
   * subscriptionVisibleTo). Filtered here rather than in SQL: the partner tenants are JSON text, and subscriptions are few.
   */
  async list(partners: PartnerTenants): Promise<PublicAlertSubscription[]> {
    const all = await this.subscriptions.find({ order: { createdAt: 'ASC', id: 'ASC' } });
    return all.filter((subscription) => subscriptionVisibleTo(subscription, partners)).map(shown);
  }

  /** With its credentials opened; undefined when there is no such subscription, or when `partners` may not see it. */
  async get(id: string, partners: PartnerTenants): Promise<AlertSubscription | undefined> {
    const subscription = await this.subscriptions.findOneBy({ id });
    return subscription && subscriptionVisibleTo(subscription, partners) ? this.opened(subscription) : undefined;
  }

  /** false when there was no such subscription, or when `partners` may not see it (and it stays). */
  async delete(id: string, partners: PartnerTenants): Promise<boolean> {
    const subscription = await this.subscriptions.findOneBy({ id });
    if (!subscription || !subscriptionVisibleTo(subscription, partners)) return false;
    const { affected } = await this.subscriptions.delete({ id });
    return (affected ?? 0) > 0;
  }

  /**
   * The subscriptions for the alert's partner (see coversPartner) whose filters admit it, without their credentials
   * (`get` opens them, to deliver); customers match its name or domain, ignoring case. Filtered here rather than in
   * SQL: the filters are JSON text, and subscriptions are few.
   */
  async matching(alert: AlertFacts): Promise<PublicAlertSubscription[]> {
    const all = await this.subscriptions.find({ order: { createdAt: 'ASC', id: 'ASC' } });
    return all.filter((subscription) => admits(subscription, alert)).map(shown);
  }

  /** Seals again under the current key the credentials an older key sealed; idempotent. */
  async resealStale(): Promise<ResealCount> {
    const sealed = await this.subscriptions.count();
    const stale = await this.subscriptions.findBy({ credentialsKeyId: Not(this.keyRing.currentKeyId) });
    let resealed = 0;
    for (const subscription of stale) {
      const again = this.sealed(subscription.id, this.credentialsOf(subscription));
      // Conditional: another rotation may have sealed it meanwhile.
      const { affected } = await this.subscriptions.update({ id: subscription.id, credentialsKeyId: subscription.credentialsKeyId }, again);
      resealed += affected ?? 0;
    }
    return { sealed, resealed };
  }

  private sealed(id: string, credentials: SubscriptionCredentials) {
    const { ciphertext, iv, authTag, keyId } = this.keyRing.seal(JSON.stringify(credentials), id);
    return { credentialsCiphertext: ciphertext, credentialsIv: iv, credentialsAuthTag: authTag, credentialsKeyId: keyId };
  }

  private credentialsOf(subscription: AlertSubscriptionEntity): SubscriptionCredentials {
    const sealed: SealedSecret = {
      ciphertext: subscription.credentialsCiphertext,
      iv: subscription.credentialsIv,
      authTag: subscription.credentialsAuthTag,
      keyId: subscription.credentialsKeyId,
    };
    return JSON.parse(this.keyRing.open(sealed, subscription.id)) as SubscriptionCredentials;
  }

  private opened(subscription: AlertSubscriptionEntity): AlertSubscription {
    return { ...settingsOf(subscription), ...this.credentialsOf(subscription) };
  }
}

/** The row's settings: everything but where its deliveries go. */
function settingsOf({
  redactedDestination: _redacted,
  credentialsCiphertext: _ciphertext,
  credentialsIv: _iv,
  credentialsAuthTag: _authTag,
  credentialsKeyId: _keyId,
  ...settings
}: AlertSubscriptionEntity): Omit<AlertSubscriptionEntity, SealedColumns> {
  return settings;
}

/** The row as it may be shown: the URL or the address redacted, nothing sealed. */
function shown(subscription: AlertSubscriptionEntity): PublicAlertSubscription {
  return shownAs(settingsOf(subscription), subscription.redactedDestination);
}

const sendsEmail = (format: AlertFormat) => channelFor(format)?.transport === 'email';

/** The settings with where deliveries go, redacted, as `email` for an `email` subscription, `url` for the others. */
function shownAs<Settings extends { format: AlertFormat }>(settings: Settings, redacted: string): Settings & ShownDestination {
  return { ...settings, ...(sendsEmail(settings.format) ? { email: redacted } : { url: redacted }) };
}

function redactedDestinationOf(credentials: SubscriptionCredentials, format: AlertFormat): string {
  return credentials.email !== undefined ? redactedEmailAddress(credentials.email) : redactedWebhookUrl(credentials.url, format);
}

/** What the format's transport needs, and nothing else: an e-mail address alone, or a URL and a signing secret. */
function credentialsFor(format: AlertFormat, { url, secret, email }: NewAlertSubscription): SubscriptionCredentials {
  if (sendsEmail(format)) {
    if (email === undefined || url !== undefined || secret !== undefined) {
      throw new Error(`An alert subscription of format ${format} names an e-mail address, and no URL nor secret`);
    }
    return { email };
  }
  if (url === undefined || secret === undefined || email !== undefined) {
    throw new Error(`An alert subscription of format ${format} needs a URL and a secret, and no e-mail address`);
  }
  return { url, secret };
}

/** Each once, in order; refuses anything but positive integers. */
function levelsOf(levels: readonly number[]): number[] {
  const invalid = levels.find((level) => !Number.isSafeInteger(level) || level < 1);
  if (invalid !== undefined) throw new Error(`An alert subscription's levels must be positive integers, not ${JSON.stringify(invalid)}`);
  return [...new Set(levels)].sort((a, b) => a - b);
}

/** Lower-case and each once; refuses anything but GUIDs, and an empty list (a subscription for nobody). */
function partnerTenantIdsOf(tenants: readonly string[] | typeof EVERY_PARTNER): string[] | typeof EVERY_PARTNER {
  if (tenants === EVERY_PARTNER) return EVERY_PARTNER;
  const unique = [...new Set(tenants.map((tenantId) => tenantId.toLowerCase()))];
  const invalid = unique.find((tenantId) => !GUID.test(tenantId));
  if (invalid !== undefined) {
    throw new Error(`An alert subscription's partner tenants must be GUIDs (or '*' for all), not ${JSON.stringify(invalid)}`);
  }
  if (unique.length === 0) throw new Error("An alert subscription needs at least one partner tenant (or '*' for all)");
  return unique;
}
