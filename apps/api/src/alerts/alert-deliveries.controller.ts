import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequiresRole } from '../auth/auth.decorators';
import { partnerTenantsOf, type Principal } from '../auth/principal';
import { AlertsService } from './alerts.service';
import { ListAlertDeliveriesQuery } from './dto/list-alert-deliveries.query';
import { deliveryIdPipe } from '../validation/id.pipe';

const NOT_FOUND = 'No such delivery, or one of a partner tenant you do not act for';

/** Deliveries of the tickets of the partner tenants the principal acts for (those of no partner: only for all of them). */
@ApiTags('alerts')
@Controller('alerts')
export class AlertDeliveriesController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @ApiOperation({
    summary:
      "Alert deliveries (webhooks, Slack, Teams, e-mail) of your partner tenants' tickets, newest first, with their partner " +
      'tenant, status, attempt count and last error',
  })
  @ApiBadRequestResponse({ description: 'Every invalid query parameter is named in `errors`' })
  list(@Query() query: ListAlertDeliveriesQuery, @CurrentPrincipal() principal: Principal) {
    return this.alerts.listDeliveries(query, partnerTenantsOf(principal));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A delivery with the body it sends and each attempt' })
  @ApiOkResponse()
  @ApiNotFoundResponse({ description: NOT_FOUND })
  get(@Param('id', deliveryIdPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.alerts.getDelivery(id, partnerTenantsOf(principal));
  }

  @Post(':id/redeliver')
  @HttpCode(200)
  @RequiresRole('coordinator')
  @ApiOperation({
    summary: 'Attempt the delivery once now, even when dead or already delivered (same body and Idempotency-Key)',
  })
  @ApiOkResponse({ description: 'The delivery after the attempt' })
  @ApiForbiddenResponse({ description: 'Needs the coordinator role' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  redeliver(@Param('id', deliveryIdPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.alerts.redeliver(id, partnerTenantsOf(principal));
  }
}
