import { Injectable, NotFoundException } from '@nestjs/common';
import {
  AlertDeliveryStore,
  AlertDispatcher,
  AlertSubscriptionStore,
  toPublicSubscription,
  type PublicAlertSubscription,
} from '@escalade/persistence';
import { toDeliveryDetailView, toDeliveryView, type AlertDeliveryDetailView, type AlertDeliveryView } from './alert-delivery.view';
import type { CreateAlertSubscriptionDto } from './dto/create-alert-subscription.dto';
import type { ListAlertDeliveriesQuery } from './dto/list-alert-deliveries.query';
import { DEFAULT_PAGE_LIMIT } from '../validation/page-limit.decorator';

@Injectable()
export class AlertsService {
  constructor(
    private readonly subscriptions: AlertSubscriptionStore,
    private readonly deliveries: AlertDeliveryStore,
    private readonly dispatcher: AlertDispatcher,
  ) {}

  async subscribe(dto: CreateAlertSubscriptionDto): Promise<PublicAlertSubscription> {
    return toPublicSubscription(await this.subscriptions.create(dto));
  }

  async listSubscriptions(): Promise<{ items: PublicAlertSubscription[] }> {
    return { items: await this.subscriptions.list() };
  }

  async unsubscribe(id: string): Promise<void> {
    if (!(await this.subscriptions.delete(id))) throw new NotFoundException(`No alert subscription with id "${id}"`);
  }

  async listDeliveries({ ticketId, status, limit = DEFAULT_PAGE_LIMIT }: ListAlertDeliveriesQuery): Promise<{ items: AlertDeliveryView[] }> {
    const deliveries = await this.deliveries.list({ ticketId, status, limit });
    return { items: deliveries.map(toDeliveryView) };
  }

  async getDelivery(id: string): Promise<AlertDeliveryDetailView> {
    const delivery = await this.deliveries.get(id);
    if (!delivery) throw new NotFoundException(`No alert delivery with id "${id}"`);
    return toDeliveryDetailView(delivery);
  }

  /** One attempt now, whatever the status: a dead delivery gets another chance, a delivered one is sent again. */
  async redeliver(id: string): Promise<AlertDeliveryDetailView> {
    const { delivery } = await this.dispatcher.attempt(id, { resend: true });
    if (!delivery) throw new NotFoundException(`No alert delivery with id "${id}"`);
    return this.getDelivery(id);
  }
}
