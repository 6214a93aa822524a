import { Module } from '@nestjs/common';
import { AlertingModule } from '@escalade/alerting';
import { AlertDeliveriesController } from './alert-deliveries.controller';
import { AlertSubscriptionsController } from './alert-subscriptions.controller';
import { AlertsService } from './alerts.service';

/**
 * Webhook subscriptions and their deliveries. The stores come from the global DatabaseModule; AlertingModule checks
 * destinations when subscribing (its outbound client) and sends redeliveries (its dispatcher), as the worker sends.
 */
@Module({
  imports: [AlertingModule],
  controllers: [AlertSubscriptionsController, AlertDeliveriesController],
  providers: [AlertsService],
})
export class AlertsModule {}
