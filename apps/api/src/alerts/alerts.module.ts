import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@escalade/config';
import { AlertDeliveryStore, AlertDispatcher, AlertSubscriptionStore, DestinationPolicy, OutboundClient } from '@escalade/persistence';
import { AlertDeliveriesController } from './alert-deliveries.controller';
import { AlertSubscriptionsController } from './alert-subscriptions.controller';
import { AlertsService } from './alerts.service';

/** Webhook subscriptions and their deliveries; the stores come from the global DatabaseModule. */
@Module({
  controllers: [AlertSubscriptionsController, AlertDeliveriesController],
  providers: [
    AlertsService,
    {
      // Checks destinations when subscribing and sends redeliveries: ALERT_ALLOWED_HOSTS, https in production.
      provide: OutboundClient,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        new OutboundClient(
          DestinationPolicy.fromConfig({ NODE_ENV: config.get('NODE_ENV', { infer: true }), ALERT_ALLOWED_HOSTS: config.get('ALERT_ALLOWED_HOSTS', { infer: true }) }),
        ),
    },
    {
      provide: AlertDispatcher,
      inject: [AlertSubscriptionStore, AlertDeliveryStore, OutboundClient],
      useFactory: (subscriptions: AlertSubscriptionStore, deliveries: AlertDeliveryStore, outbound: OutboundClient) =>
        new AlertDispatcher(subscriptions, deliveries, { outbound }),
    },
  ],
})
export class AlertsModule {}
