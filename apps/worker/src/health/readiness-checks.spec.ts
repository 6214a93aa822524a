import type { ConfigService } from '@nestjs/config';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { AppConfig } from '@escalade/config';
import type { TicketsProjection } from '@escalade/persistence';
import { TemporalWorkerService, WorkerNotPollingError } from '../temporal/temporal-worker.service';
import { ReadinessChecks } from './readiness-checks';

const LIMIT = 100;

function checks({ lag = 0, polling = (): Promise<void> => Promise.resolve() }: { lag?: number | Error; polling?: () => Promise<void> }) {
  const projection = { status: () => (lag instanceof Error ? Promise.reject(lag) : Promise.resolve({ checkpoint: 900 - lag, head: 900, lag, parked: 0 })) };
  const worker = { polling } as unknown as TemporalWorkerService;
  const config = { get: () => LIMIT } as unknown as ConfigService<AppConfig, true>;
  return new ReadinessChecks(worker, projection as unknown as TicketsProjection, config, new HealthIndicatorService());
}

describe("the worker's readiness checks", () => {
  it('given a projector within PROJECTION_LAG_LIMIT, then up with its figures; past it, down saying how far behind', async () => {
    expect(await checks({ lag: LIMIT }).projector('projection')).toEqual({ projection: { status: 'up', checkpoint: 800, head: 900, lag: LIMIT } });
    expect(await checks({ lag: LIMIT + 1 }).projector('projection')).toMatchObject({
      projection: { status: 'down', lag: LIMIT + 1, message: `${LIMIT + 1} events behind the log (limit ${LIMIT})` },
    });
    expect(await checks({ lag: new Error('connection refused: secret-host') }).projector('projection')).toEqual({
      projection: { status: 'down', message: 'projection status unknown: the database did not answer' },
    });
  });

  it("given a worker draining or a Temporal server away, then down saying which, never the connection's own words", async () => {
    expect(await checks({}).temporal('temporal')).toEqual({ temporal: { status: 'up' } });
    const draining = checks({ polling: () => Promise.reject(new WorkerNotPollingError('DRAINING')) });
    expect(await draining.temporal('temporal')).toEqual({ temporal: { status: 'down', message: 'the worker is not polling (draining)' } });
    const away = checks({ polling: () => Promise.reject(new Error('14 UNAVAILABLE: dns resolution of secret-host failed')) });
    expect(await away.temporal('temporal')).toEqual({ temporal: { status: 'down', message: 'Temporal server not reachable' } });
  });
});
