import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AlertsService } from './alerts.service';
import { ListAlertDeliveriesQuery } from './dto/list-alert-deliveries.query';
import { deliveryIdPipe } from '../validation/id.pipe';

@ApiTags('alerts')
@Controller('alerts')
export class AlertDeliveriesController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @ApiOperation({ summary: 'Webhook deliveries, newest first, with their status, attempt count and last error' })
  @ApiBadRequestResponse({ description: 'Every invalid query parameter is named in `errors`' })
  list(@Query() query: ListAlertDeliveriesQuery) {
    return this.alerts.listDeliveries(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A delivery with the body it sends and each attempt' })
  @ApiOkResponse()
  @ApiNotFoundResponse()
  get(@Param('id', deliveryIdPipe) id: string) {
    return this.alerts.getDelivery(id);
  }

  @Post(':id/redeliver')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Attempt the delivery once now, even when dead or already delivered (same body and Idempotency-Key)',
  })
  @ApiOkResponse({ description: 'The delivery after the attempt' })
  @ApiNotFoundResponse()
  redeliver(@Param('id', deliveryIdPipe) id: string) {
    return this.alerts.redeliver(id);
  }
}
