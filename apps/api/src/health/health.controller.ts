import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, type HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { Shutdown } from '../shutdown/shutdown';
import { HEALTH_TIMEOUT_MS } from './health-timeout';
import { JournalHealthIndicator } from './journal.health';
import { PartnerCenterHealthIndicator } from './partner-center.health';
import { ProjectionHealthIndicator } from './projection.health';
import { TemporalHealthIndicator } from './temporal.health';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
    private readonly projection: ProjectionHealthIndicator,
    private readonly journal: JournalHealthIndicator,
    private readonly partnerCenter: PartnerCenterHealthIndicator,
    private readonly shutdown: Shutdown,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Same as /health/ready' })
  check(): Promise<HealthCheckResult> {
    return this.ready();
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary:
      "200 when the database and Temporal answer, 503 naming each one down in `error`; `details` also shows the projection's checkpoint, head, lag and parked events, the ticket streams with a journal fault, and Partner Center's `credentials` as the worker last saw them (ok, failing, unknown, not-used): shown, with `attention`, not failed (a parked event or a fault is one ticket; blocked tickets file by themselves once the credentials work)",
  })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.shutdown.check('accepting'),
      () => this.database.pingCheck('database', { timeout: HEALTH_TIMEOUT_MS }),
      () => this.temporal.check('temporal'),
      () => this.projection.check('projection'),
      () => this.journal.check('journal'),
      () => this.partnerCenter.check('partnerCenter'),
    ]);
  }

  @Get('live')
  @ApiOperation({ summary: '200 while the process runs, whatever its dependencies' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
