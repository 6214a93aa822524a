import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { SlaReport } from '@escalade/contract';
import { SlaSummaryQuery } from '@escalade/persistence';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { partnerTenantsOf, type Principal } from '../auth/principal';
import { invalidRequest } from '../validation/validation-exception.factory';
import { SlaSummaryQueryDto } from './dto/sla-summary.query';
import { slaReportCsv } from './sla-report.csv';

const DEFAULT_PERIOD_MS = 7 * 24 * 60 * 60 * 1000;

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly slaSummary: SlaSummaryQuery) {}

  @Get('sla')
  @ApiOperation({
    summary:
      'Tickets of your partner tenants opened in a period: per severity, how many met, breached or still await their response target; ' +
      'and measures grouped by week, severity, product or customer: breach rate, time to first response and to resolution ' +
      '(p50, p90, Microsoft’s paused time excluded), paused time, follow-up rounds missed by each side',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: 'JSON, or with `Accept: text/csv` the measures as CSV: a row per group, then the total (`all`)' })
  @ApiBadRequestResponse({ description: 'Every invalid query parameter is named in `errors`' })
  async sla(
    @Query() { from, to, groupBy = 'week', customer }: SlaSummaryQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SlaReport | string> {
    const end = to ? new Date(to) : new Date();
    const start = from ? new Date(from) : new Date(end.getTime() - DEFAULT_PERIOD_MS);
    if (start >= end) {
      throw invalidRequest([{ field: 'from', problems: ['from must be before to'] }]);
    }
    const period = { from: start.toISOString(), to: end.toISOString(), partners: partnerTenantsOf(principal), customer };
    const [summary, measures] = await Promise.all([this.slaSummary.summarize(period), this.slaSummary.measure(period, groupBy)]);
    const report: SlaReport = { ...summary, ...(customer ? { customer: customer.toLowerCase() } : {}), measures };
    // JSON unless the client prefers CSV (`Accept: text/csv`, q-values weighed; `*/*` is JSON).
    if (req.accepts(['application/json', 'text/csv']) !== 'text/csv') return report;
    res.type('text/csv').attachment(`sla-${groupBy}-${period.from.slice(0, 10)}-${period.to.slice(0, 10)}.csv`);
    return slaReportCsv(report);
  }
}
