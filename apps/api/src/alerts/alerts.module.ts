import { Module } from '@nestjs/common';
import { AlertDeliveryStore, AlertDispatcher, AlertSubscriptionStore } from '@escalade/persistence';
import { AlertDeliveriesController } from './alert-deliveries.controller';
import { AlertSubscriptionsController } from './alert-subscriptions.controller';
import { AlertsService } from './alerts.service';

/** Webhook subscriptions and their deliveries; the stores come from the global DatabaseModule. */
@Module({
  controllers: [AlertSubscriptionsController, AlertDeliveriesController],
  providers: [
    AlertsService,
    {
      provide: AlertDispatcher,
      inject: [AlertSubscriptionStore, AlertDeliveryStore],
      useFactory: (subscriptions: AlertSubscriptionStore, deliveries: AlertDeliveryStore) =>
        new AlertDispatcher(subscriptions, deliveries),
    },
  ],
})
export class AlertsModule {}
