import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AlertsService } from './alerts.service';
import { CreateAlertSubscriptionDto } from './dto/create-alert-subscription.dto';
import { subscriptionIdPipe } from '../validation/id.pipe';

@ApiTags('alerts')
@Controller('alert-subscriptions')
export class AlertSubscriptionsController {
  constructor(private readonly alerts: AlertsService) {}

  @Post()
  @ApiOperation({ summary: 'Subscribe a webhook to the alerts its filters admit; the secret signs every delivery' })
  @ApiCreatedResponse({ description: 'The subscription, without its secret' })
  @ApiBadRequestResponse({ description: 'Every invalid field is named in `errors`' })
  subscribe(@Body() dto: CreateAlertSubscriptionDto) {
    return this.alerts.subscribe(dto);
  }

  @Get()
  @ApiOperation({ summary: 'Every subscription, oldest first, without secrets' })
  @ApiOkResponse()
  list() {
    return this.alerts.listSubscriptions();
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unsubscribe: no further deliveries are prepared for it' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  unsubscribe(@Param('id', subscriptionIdPipe) id: string) {
    return this.alerts.unsubscribe(id);
  }
}
