import { microsoftPollIntervalMs } from './microsoft-poll-interval';

describe('microsoftPollIntervalMs', () => {
  const every = (ms: number, MICROSOFT_SUPPORT: 'simulator' | 'partner-center' | 'in-process' = 'simulator') => ({
    MICROSOFT_SUPPORT,
    MICROSOFT_POLL_INTERVAL_MS: ms,
  });

  it('is MICROSOFT_POLL_INTERVAL_MS on a real clock, and on a slowed one', () => {
    expect(microsoftPollIntervalMs(every(30_000, 'partner-center'), { timeScale: 1 })).toBe(30_000);
    expect(microsoftPollIntervalMs(every(30_000), { timeScale: 5 })).toBe(30_000);
  });

  it('is shortened as much as the SLA clock is compressed, down to 100 ms', () => {
    expect(microsoftPollIntervalMs(every(10_000), { timeScale: 0.25 })).toBe(2_500);
    expect(microsoftPollIntervalMs(every(10_000), { timeScale: 0.001 })).toBe(100);
  });

  it('is undefined for the in-process Microsoft, which cannot be asked', () => {
    expect(microsoftPollIntervalMs(every(10_000, 'in-process'), { timeScale: 1 })).toBeUndefined();
  });
});
