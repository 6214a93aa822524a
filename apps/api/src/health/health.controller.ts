import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, type HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { HEALTH_TIMEOUT_MS } from './health-timeout';
import { JournalHealthIndicator } from './journal.health';
import { ProjectionHealthIndicator } from './projection.health';
import { TemporalHealthIndicator } from './temporal.health';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
    private readonly projection: ProjectionHealthIndicator,
    private readonly journal: JournalHealthIndicator,
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
      "200 when the database and Temporal answer, no event is parked by the tickets projection and no ticket stream has a journal fault; 503 naming each problem in `error` (the projection's checkpoint, head, lag and parked count, and the journal faults, in `details`)",
  })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: HEALTH_TIMEOUT_MS }),
      () => this.temporal.check('temporal'),
      () => this.projection.check('projection'),
      () => this.journal.check('journal'),
    ]);
  }

  @Get('live')
  @ApiOperation({ summary: '200 while the process runs, whatever its dependencies' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
