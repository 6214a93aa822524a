import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, RequiresRole } from '../auth/auth.decorators';
import { partnerTenantsOf, type Principal } from '../auth/principal';
import { AlertsService } from './alerts.service';
import { CreateAlertSubscriptionDto } from './dto/create-alert-subscription.dto';
import { subscriptionIdPipe } from '../validation/id.pipe';

const PARTNERS_SHOWN =
  '`partnerTenantIds` is the array of partner tenants (lower-case GUIDs) whose tickets\' alerts it receives, ' +
  'or the string `"*"`: every partner tenant';

/** Admins only: subscriptions hold webhook URLs and e-mail addresses. Each admin sees only those for partner tenants they all act for. */
@ApiTags('alerts')
@Controller('alert-subscriptions')
@RequiresRole('admin')
@ApiForbiddenResponse({ description: 'Needs the admin role' })
export class AlertSubscriptionsController {
  constructor(private readonly alerts: AlertsService) {}

  @Post()
  @ApiOperation({
    summary:
      'Subscribe a webhook (its secret signs every delivery) or an e-mail address (format `email`) to the alerts its filters ' +
      'admit, of the partner tenants it names',
  })
  @ApiCreatedResponse({ description: `The subscription, without its secret, its \`url\` or \`email\` redacted; ${PARTNERS_SHOWN}` })
  @ApiBadRequestResponse({
    description:
      'Every invalid field is named in `errors`: `url` and `email` when the format wants the other, `partnerTenantIds` when ' +
      'you do not act for one of them, `format` for `email` when SMTP_URL is not set',
  })
  subscribe(@Body() dto: CreateAlertSubscriptionDto, @CurrentPrincipal() principal: Principal) {
    return this.alerts.subscribe(dto, partnerTenantsOf(principal));
  }

  @Get()
  @ApiOperation({
    summary: 'The subscriptions whose partner tenants you all act for (`"*"` ones only if you act for every one), oldest first, without secrets',
  })
  @ApiOkResponse({ description: `\`{ items }\`; ${PARTNERS_SHOWN}` })
  list(@CurrentPrincipal() principal: Principal) {
    return this.alerts.listSubscriptions(partnerTenantsOf(principal));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Unsubscribe: no further deliveries are prepared for it' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'No such subscription, or one for a partner tenant you do not act for' })
  unsubscribe(@Param('id', subscriptionIdPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.alerts.unsubscribe(id, partnerTenantsOf(principal));
  }
}
