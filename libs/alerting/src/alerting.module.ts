import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LOCAL_ALERT_EMAIL_FROM, type AppConfig } from '@escalade/config';
import { AlertDispatcher } from './alert-dispatcher';
import { AlertDeliveries, AlertSubscriptions } from './alert-stores';
import { ALERT_CHANNELS, type AlertChannel } from './channels';
import { smtpEmailOptions, type EmailOptions } from './email/email-delivery';
import { DestinationPolicy } from './outbound/destination-policy';
import { OutboundClient } from './outbound/outbound-client';

/** The registry of channels the dispatcher renders with, by subscription format: ALERT_CHANNELS. */
export const REGISTERED_ALERT_CHANNELS = Symbol('REGISTERED_ALERT_CHANNELS');

/**
 * Alert delivery for a Nest app: the dispatcher, the registered channels, the outbound client every webhook delivery
 * goes through (ALERT_ALLOWED_HOSTS, https in production) and the SMTP server e-mail deliveries go through (SMTP_URL).
 * The stores come from the global DatabaseModule of @escalade/persistence, which provides them as AlertSubscriptions
 * and AlertDeliveries.
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
      inject: [AlertSubscriptions, AlertDeliveries, OutboundClient, ConfigService, REGISTERED_ALERT_CHANNELS],
      useFactory: (
        subscriptions: AlertSubscriptions,
        deliveries: AlertDeliveries,
        outbound: OutboundClient,
        config: ConfigService<AppConfig, true>,
        channels: readonly AlertChannel[],
      ) => new AlertDispatcher(subscriptions, deliveries, { outbound, email: emailOptionsOf(config) }, channels),
    },
  ],
  exports: [AlertDispatcher, OutboundClient, REGISTERED_ALERT_CHANNELS],
})
export class AlertingModule {}

/** SMTP_URL's server, sending as ALERT_EMAIL_FROM (outside production, LOCAL_ALERT_EMAIL_FROM by default); none without SMTP_URL. */
function emailOptionsOf(config: ConfigService<AppConfig, true>): EmailOptions | undefined {
  const smtpUrl = config.get('SMTP_URL', { infer: true });
  return smtpUrl ? smtpEmailOptions(smtpUrl, config.get('ALERT_EMAIL_FROM', { infer: true }) ?? LOCAL_ALERT_EMAIL_FROM) : undefined;
}
