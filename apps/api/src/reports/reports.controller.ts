import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SlaSummary } from '@escalade/contract';
import { SlaSummaryQuery } from '@escalade/persistence';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { partnerTenantsOf, type Principal } from '../auth/principal';
import { invalidRequest } from '../validation/validation-exception.factory';
import { SlaSummaryQueryDto } from './dto/sla-summary.query';

const DEFAULT_PERIOD_MS = 7 * 24 * 60 * 60 * 1000;

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly slaSummary: SlaSummaryQuery) {}

  @Get('sla')
  @ApiOperation({
    summary:
      'Tickets of your partner tenants opened in a period, per severity: how many met, breached or still await their response target',
  })
  @ApiBadRequestResponse({ description: 'Every invalid query parameter is named in `errors`' })
  sla(@Query() { from, to }: SlaSummaryQueryDto, @CurrentPrincipal() principal: Principal): Promise<SlaSummary> {
    const end = to ? new Date(to) : new Date();
    const start = from ? new Date(from) : new Date(end.getTime() - DEFAULT_PERIOD_MS);
    if (start >= end) {
      throw invalidRequest([{ field: 'from', problems: ['from must be before to'] }]);
    }
    return this.slaSummary.summarize(start.toISOString(), end.toISOString(), partnerTenantsOf(principal));
  }
}
