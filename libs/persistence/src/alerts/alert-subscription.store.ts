import { randomUUID } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import type { Product, Severity } from '@escalade/domain';
import { AlertSubscriptionEntity } from './alert-subscription.entity';
import type { AlertFormat, AlertKind, WebhookAlert } from './webhook-alert';

export interface NewAlertSubscription {
  url: string;
  secret: string;
  severities?: Severity[];
  products?: Product[];
  customers?: string[];
  kinds?: AlertKind[];
  format?: AlertFormat;
}

export type PublicAlertSubscription = Omit<AlertSubscriptionEntity, 'secret'>;

/** What may be shown once the subscription exists: everything but the signing secret. */
export function toPublicSubscription({ secret: _secret, ...subscription }: AlertSubscriptionEntity): PublicAlertSubscription {
  return subscription;
}

export type AlertFacts = Pick<WebhookAlert, 'kind' | 'severity' | 'product' | 'customer'>;

function admits(subscription: AlertSubscriptionEntity, alert: AlertFacts): boolean {
  const allows = <T>(filter: readonly T[], value: T) => filter.length === 0 || filter.includes(value);
  const customers = subscription.customers.map((c) => c.toLowerCase());
  return (
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
      createdAt: this.clock().toISOString(),
    });
    await this.subscriptions.insert(subscription);
    return subscription;
  }

  /** Oldest first, without secrets. */
  async list(): Promise<PublicAlertSubscription[]> {
    const all = await this.subscriptions.find({ order: { createdAt: 'ASC', id: 'ASC' } });
    return all.map(toPublicSubscription);
  }

  async get(id: string): Promise<AlertSubscriptionEntity | undefined> {
    return (await this.subscriptions.findOneBy({ id })) ?? undefined;
  }

  /** false when there was no such subscription. */
  async delete(id: string): Promise<boolean> {
    const { affected } = await this.subscriptions.delete({ id });
    return (affected ?? 0) > 0;
  }

  /**
   * The subscriptions whose filters admit the alert; customers match its name or domain, ignoring case.
   * Filtered here rather than in SQL: the filters are JSON text, and subscriptions are few.
   */
  async matching(alert: AlertFacts): Promise<AlertSubscriptionEntity[]> {
    const all = await this.subscriptions.find({ order: { createdAt: 'ASC', id: 'ASC' } });
    return all.filter((subscription) => admits(subscription, alert));
  }
}
