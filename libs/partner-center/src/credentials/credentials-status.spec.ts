import { CredentialsHealth } from './credentials-status';

describe('CredentialsHealth', () => {
  let clock = Date.parse('2026-11-27T10:00:00Z');
  const health = () => new CredentialsHealth(() => clock);
  const tick = () => (clock += 60_000);

  it('is unknown, then ok from the first success, then failing from the first failure, keeping since while it fails', () => {
    const subject = health();
    expect(subject.status()).toEqual({ state: 'unknown' });

    subject.succeeded('renewal');
    const okSince = new Date(clock).toISOString();
    tick();
    subject.succeeded('partner-center');
    expect(subject.status()).toEqual({ state: 'ok', since: okSince });

    subject.failed('renewal', 'invalid_grant');
    const failingSince = new Date(clock).toISOString();
    tick();
    subject.failed('renewal', 'invalid_grant again');
    expect(subject.status()).toEqual({ state: 'failing', since: failingSince, reason: 'invalid_grant again' });
  });

  it('is cleared only by a success of what failed', () => {
    const subject = health();
    subject.failed('partner-center', 'HTTP 403 to a fresh token');
    subject.succeeded('renewal');
    expect(subject.status().state).toBe('failing');
    subject.succeeded('partner-center');
    expect(subject.status().state).toBe('ok');

    subject.failed('renewal', 'Entra ID unreachable');
    subject.succeeded('partner-center');
    expect(subject.status().state).toBe('failing');
    subject.succeeded('renewal');
    expect(subject.status().state).toBe('ok');
  });
});
