import { HealthIndicatorService } from '@nestjs/terminus';
import { interval, lastValueFrom, toArray } from 'rxjs';
import { Shutdown } from './shutdown';

describe('Shutdown', () => {
  const shutdown = () => new Shutdown(new HealthIndicatorService());

  it('given a live stream, when the API starts shutting down, then the stream completes with what it had sent', async () => {
    const api = shutdown();
    const received = lastValueFrom(api.untilShutdown(interval(5)).pipe(toArray()));
    await new Promise((resolve) => setTimeout(resolve, 30));

    api.beforeApplicationShutdown();

    expect((await received).length).toBeGreaterThan(0);
  });

  it('given an API shutting down, when a stream opens, then it ends at once, and readiness says it is shutting down', async () => {
    const api = shutdown();
    expect(api.check('accepting')).toEqual({ accepting: { status: 'up' } });

    api.beforeApplicationShutdown();

    expect(await lastValueFrom(api.untilShutdown(interval(5)).pipe(toArray()))).toEqual([]);
    expect(api.check('accepting')).toEqual({ accepting: { status: 'down', message: 'shutting down' } });
  });
});
