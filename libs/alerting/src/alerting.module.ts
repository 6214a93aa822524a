import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@escalade/config';
import { AlertDispatcher } from './alert-dispatcher';
import { AlertDeliveries, AlertSubscriptions } from './alert-stores';
import { ALERT_CHANNELS, type AlertChannel } from './channels';
import { DestinationPolicy } from './outbound/destination-policy';
import { OutboundClient } from './outbound/outbound-client';

/** The registry of channels the dispatcher renders with, by subscription format: ALERT_CHANNELS. */
export const REGISTERED_ALERT_CHANNELS = Symbol('REGISTERED_ALERT_CHANNELS');

/**
 * Alert delivery for a Nest app: the dispatcher, the registered channels, and the outbound client every delivery goes
 * through (ALERT_ALLOWED_HOSTS, https in production). The stores come from the global DatabaseModule of
 * @escalade/persistence, which provides them as AlertSubscriptions and AlertDeliveries.
 */
@Module({
  providers: [
    { provide: REGISTERED_ALERT_CHANNELS, useValue: ALERT_CHANNELS },
    {
      provide: OutboundClient,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        new OutboundClient(
          DestinationPolicy.fromConfig({
            NODE_ENV: config.get('NODE_ENV', { infer: true }),
            ALERT_ALLOWED_HOSTS: config.get('ALERT_ALLOWED_HOSTS', { infer: true }),
          }),
        ),
    },
    {
      provide: AlertDispatcher,
      inject: [AlertSubscriptions, AlertDeliveries, OutboundClient, REGISTERED_ALERT_CHANNELS],
      useFactory: (subscriptions: AlertSubscriptions, deliveries: AlertDeliveries, outbound: OutboundClient, channels: readonly AlertChannel[]) =>
        new AlertDispatcher(subscriptions, deliveries, { outbound }, channels),
    },
  ],
  exports: [AlertDispatcher, OutboundClient, REGISTERED_ALERT_CHANNELS],
})
export class AlertingModule {}
