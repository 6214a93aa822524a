import { Injectable, NotFoundException } from '@nestjs/common';
import { AlertDispatcher, DEFAULT_ALERT_FORMAT, OutboundClient } from '@escalade/alerting';
import type { AlertDeliveryDetailView, AlertDeliveryView, AlertSubscriptionView, Items } from '@escalade/contract';
import {
  AlertDeliveryStore,
  AlertSubscriptionStore,
  EVERY_PARTNER,
  toPublicSubscription,
  type PartnerTenants,
} from '@escalade/persistence';
import { toDeliveryDetailView, toDeliveryView } from './alert-delivery.view';
import type { CreateAlertSubscriptionDto } from './dto/create-alert-subscription.dto';
import type { ListAlertDeliveriesQuery } from './dto/list-alert-deliveries.query';
import { DEFAULT_PAGE_LIMIT } from '../validation/page-limit.decorator';
import { invalidRequest } from '../validation/validation-exception.factory';

/**
 * Every method takes the partner tenants the caller acts for: a subscription or delivery outside them is answered
 * exactly like a missing one.
 */
@Injectable()
export class AlertsService {
  constructor(
    private readonly subscriptions: AlertSubscriptionStore,
    private readonly deliveries: AlertDeliveryStore,
    private readonly dispatcher: AlertDispatcher,
    private readonly outbound: OutboundClient,
  ) {}

  /**
   * For the partner tenants listed (each one the caller acts for), else for every one the caller acts for; to a
   * destination the outbound policy admits (a 400 naming `url` and the rule otherwise), its name resolved now, and
   * again by every delivery as it connects; in a format this deployment can send (a 400 naming `format` for e-mail
   * without SMTP_URL).
   */
  async subscribe({ partnerTenantIds, ...filters }: CreateAlertSubscriptionDto, partners: PartnerTenants): Promise<AlertSubscriptionView> {
    const tenants = subscriptionPartners(partnerTenantIds, partners);
    const format = filters.format ?? DEFAULT_ALERT_FORMAT;
    const unavailable = this.dispatcher.deliveryProblemOf(format);
    if (unavailable) throw invalidRequest([{ field: 'format', problems: [`format ${format} is not available: ${unavailable}`] }]);
    const refusal = filters.url === undefined ? undefined : await this.outbound.refusalOf(filters.url);
    if (refusal) throw invalidRequest([{ field: 'url', problems: [`url is refused: ${refusal}`] }]);
    const created = await this.subscriptions.create({ ...filters, partnerTenantIds: tenants });
    return toPublicSubscription(created);
  }

  async listSubscriptions(partners: PartnerTenants): Promise<Items<AlertSubscriptionView>> {
    return { items: await this.subscriptions.list(partners) };
  }

  async unsubscribe(id: string, partners: PartnerTenants): Promise<void> {
    if (!(await this.subscriptions.delete(id, partners))) throw new NotFoundException(`No alert subscription with id "${id}"`);
  }

  async listDeliveries(
    { ticketId, status, limit = DEFAULT_PAGE_LIMIT }: ListAlertDeliveriesQuery,
    partners: PartnerTenants,
  ): Promise<Items<AlertDeliveryView>> {
    const deliveries = await this.deliveries.list({ ticketId, status, limit }, partners);
    return { items: deliveries.map(toDeliveryView) };
  }

  async getDelivery(id: string, partners: PartnerTenants): Promise<AlertDeliveryDetailView> {
    const delivery = await this.deliveries.get(id, partners);
    if (!delivery) throw new NotFoundException(`No alert delivery with id "${id}"`);
    return toDeliveryDetailView(delivery);
  }

  /** One attempt now, whatever the status: a dead delivery gets another chance, a delivered one is sent again. */
  async redeliver(id: string, partners: PartnerTenants): Promise<AlertDeliveryDetailView> {
    await this.getDelivery(id, partners); // a 404 before anything is sent
    const { delivery } = await this.dispatcher.attempt(id, { resend: true });
    if (!delivery) throw new NotFoundException(`No alert delivery with id "${id}"`);
    return this.getDelivery(id, partners);
  }
}

/**
 * The partner tenants a new subscription is for: those requested, each one the caller must act for (a 400 naming
 * `partnerTenantIds` otherwise), or by default all the caller's ('*' for a caller acting for every partner tenant).
 */
function subscriptionPartners(requested: readonly string[] | undefined, partners: PartnerTenants): readonly string[] | typeof EVERY_PARTNER {
  if (requested === undefined) {
    if (partners === 'all') return EVERY_PARTNER;
    if (partners.length === 0) throw invalidRequest([{ field: 'partnerTenantIds', problems: ['you act for no partner tenant'] }]);
    return partners;
  }
  const tenants = [...new Set(requested.map((tenantId) => tenantId.toLowerCase()))];
  if (partners === 'all') return tenants;
  const foreign = tenants.filter((tenantId) => !partners.includes(tenantId));
  if (foreign.length > 0) {
    throw invalidRequest([{ field: 'partnerTenantIds', problems: foreign.map((tenantId) => `you do not act for partner tenant ${tenantId}`) }]);
  }
  return tenants;
}
