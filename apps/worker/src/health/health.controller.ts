import { Controller, Get } from '@nestjs/common';
import { HealthCheck, type HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { READINESS_TIMEOUT_MS, ReadinessChecks } from './readiness-checks';

/** The worker's probes, on WORKER_PORT: public, as they say nothing but up or down and why. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly checks: ReadinessChecks,
  ) {}

  /** 200 while the process runs, whatever its dependencies. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 when the database answers, the worker polls Temporal and the projector keeps up; else 503 naming each one down. */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: READINESS_TIMEOUT_MS }),
      () => this.checks.temporal('temporal'),
      () => this.checks.projector('projection'),
    ]);
  }
}
