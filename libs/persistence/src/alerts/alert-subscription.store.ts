import { randomUUID } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import type { Product, Severity } from '@escalade/domain';
import type { PartnerTenants } from '../partner-tenants';
import { AlertSubscriptionEntity, EVERY_PARTNER } from './alert-subscription.entity';
import type { AlertFormat, AlertKind, WebhookAlert } from './webhook-alert';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface NewAlertSubscription {
  url: string;
  secret: string;
  severities?: Severity[];
  products?: Product[];
  customers?: string[];
  kinds?: AlertKind[];
  format?: AlertFormat;
  /**
   * The partner tenants whose tickets' alerts it receives (GUIDs, any case), or '*' for every one. Absent: '*', as for
   * the worker's own callers; the API always passes the tenants its principal may give.
   */
  partnerTenantIds?: readonly string[] | typeof EVERY_PARTNER;
}

export type PublicAlertSubscription = Omit<AlertSubscriptionEntity, 'secret'>;

/** What may be shown once the subscription exists: everything but the signing secret. */
export function toPublicSubscription({ secret: _secret, ...subscription }: AlertSubscriptionEntity): PublicAlertSubscription {
  return subscription;
}

export type AlertFacts = Pick<WebhookAlert, 'kind' | 'severity' | 'product' | 'customer' | 'partnerTenantId'>;

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
    (customers.length === 0 ||
      customers.includes(alert.customer.name.toLowerCase()) ||
      customers.includes(alert.customer.domain.toLowerCase()))
  );
}

export class AlertSubscriptionStore {
  private readonly subscriptions: Repository<AlertSubscriptionEntity>;

  constructor(
    dataSource: DataSource,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.subscriptions = dataSource.getRepository(AlertSubscriptionEntity);
  }

  async create(input: NewAlertSubscription): Promise<AlertSubscriptionEntity> {
    const subscription = this.subscriptions.create({
      id: randomUUID(),
      url: input.url,
      secret: input.secret,
      severities: input.severities ?? [],
      products: input.products ?? [],
      customers: input.customers ?? [],
      kinds: input.kinds ?? [],
      format: input.format ?? 'json',
      partnerTenantIds: partnerTenantIdsOf(input.partnerTenantIds ?? EVERY_PARTNER),
      createdAt: this.clock().toISOString(),
    });
    await this.subscriptions.insert(subscription);
    return subscription;
  }

  /**
   * Oldest first, without secrets: those whose partner tenants are all among `partners` (see subscriptionVisibleTo).
   * Filtered here rather than in SQL: the partner tenants are JSON text, and subscriptions are few.
   */
  async list(partners: PartnerTenants): Promise<PublicAlertSubscription[]> {
    const all = await this.subscriptions.find({ order: { createdAt: 'ASC', id: 'ASC' } });
    return all.filter((subscription) => subscriptionVisibleTo(subscription, partners)).map(toPublicSubscription);
  }

  /** undefined when there is no such subscription, or when `partners` may not see it. */
  async get(id: string, partners: PartnerTenants): Promise<AlertSubscriptionEntity | undefined> {
    const subscription = await this.subscriptions.findOneBy({ id });
    return subscription && subscriptionVisibleTo(subscription, partners) ? subscription : undefined;
  }

  /** false when there was no such subscription, or when `partners` may not see it (and it stays). */
  async delete(id: string, partners: PartnerTenants): Promise<boolean> {
    if (!(await this.get(id, partners))) return false;
    const { affected } = await this.subscriptions.delete({ id });
    return (affected ?? 0) > 0;
  }

  /**
   * The subscriptions for the alert's partner (see coversPartner) whose filters admit it; customers match its name or
   * domain, ignoring case. Filtered here rather than in SQL: the filters are JSON text, and subscriptions are few.
   */
  async matching(alert: AlertFacts): Promise<AlertSubscriptionEntity[]> {
    const all = await this.subscriptions.find({ order: { createdAt: 'ASC', id: 'ASC' } });
    return all.filter((subscription) => admits(subscription, alert));
  }
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
