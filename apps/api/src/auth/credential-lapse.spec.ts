import { ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { interval, lastValueFrom, map, take, toArray } from 'rxjs';
import { whileCredentialHolds } from './credential-lapse';

describe('whileCredentialHolds', () => {
  const ticks = () => interval(5).pipe(map((n) => n));

  it('ends the stream at the first check the credential fails', async () => {
    let checks = 0;
    const recheck = async () => {
      checks += 1;
      if (checks === 2) throw new UnauthorizedException('Unknown or revoked API key');
    };
    const seen = await lastValueFrom(whileCredentialHolds(ticks(), recheck, 40).pipe(toArray()));
    expect(checks).toBe(2);
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.length).toBeLessThan(40);
  });

  it('keeps the stream open through a check that fails for another reason (an outage)', async () => {
    let checks = 0;
    const recheck = async () => {
      checks += 1;
      throw new ServiceUnavailableException('database down');
    };
    const seen = await lastValueFrom(whileCredentialHolds(ticks(), recheck, 10).pipe(take(20), toArray()));
    expect(seen).toHaveLength(20);
    expect(checks).toBeGreaterThan(1);
  });
});
