import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DEFAULT_SLA_POLICY } from '@escalade/domain';
import { appConfigModule } from './app-config.module';
import { TicketPolicy } from './ticket-policy';

@Injectable()
class PolicyReader {
  constructor(readonly policy: TicketPolicy) {}
}

@Module({ providers: [PolicyReader] })
class FeatureModule {}

describe('TicketPolicy', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  async function policyUnder(env: Record<string, string>): Promise<{ policy: TicketPolicy; reader: PolicyReader }> {
    process.env = { ...saved, ...env };
    const app = await Test.createTestingModule({ imports: [appConfigModule(), FeatureModule] }).compile();
    return { policy: app.get(TicketPolicy), reader: app.get(PolicyReader) };
  }

  it('is loaded once from the configuration and shared by every module of the app', async () => {
    const { policy, reader } = await policyUnder({ SLA_TIME_SCALE: '0.25', MICROSOFT_SUPPORT: 'simulator', MICROSOFT_POLL_INTERVAL_MS: '10000' });
    expect(policy.sla).toEqual({ ...DEFAULT_SLA_POLICY, timeScale: 0.25 });
    expect(policy.microsoftPollIntervalMs).toBe(2_500);
    expect(reader.policy).toBe(policy);
  });

  it('has no poll interval for the in-process Microsoft, which cannot be asked', async () => {
    const { policy } = await policyUnder({ SLA_TIME_SCALE: '1', MICROSOFT_SUPPORT: 'in-process' });
    expect(policy.microsoftPollIntervalMs).toBeUndefined();
  });
});
