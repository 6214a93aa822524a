import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';

const HEALTH_TIMEOUT_MS = 3_000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly client: Client) {}

  @Get()
  @ApiOperation({ summary: '200 when the Temporal server answers, 503 otherwise' })
  async check(): Promise<{ status: 'ok'; temporal: 'reachable' }> {
    try {
      await this.client.connection.withDeadline(Date.now() + HEALTH_TIMEOUT_MS, () =>
        this.client.workflowService.getSystemInfo({}),
      );
      return { status: 'ok', temporal: 'reachable' };
    } catch (err) {
      throw new ServiceUnavailableException({
        statusCode: 503,
        status: 'unavailable',
        temporal: 'unreachable',
        message: `Temporal server not reachable: ${(err as Error).message}`,
      });
    }
  }
}
