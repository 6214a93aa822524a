import type { CredentialsStatus } from './credentials-status';
import { CredentialsStatusRecorder, REASON_REFRESH_MS } from './credentials-status-recorder';

const flushed = () => new Promise((resolve) => setImmediate(resolve));

describe('CredentialsStatusRecorder', () => {
  let clock: number;
  let written: CredentialsStatus[];
  let warnings: string[];
  const recorder = (write = async (status: CredentialsStatus) => void written.push(status)) =>
    new CredentialsStatusRecorder(write, () => clock, (message) => warnings.push(message));

  beforeEach(() => {
    clock = Date.parse('2026-11-27T10:00:00Z');
    written = [];
    warnings = [];
  });

  it('writes each change of state, not a repeat of the same status', async () => {
    const subject = recorder();
    const ok = { state: 'ok', since: '2026-11-27T10:00:00.000Z' } as const;
    const failing = { state: 'failing', since: '2026-11-27T10:05:00.000Z', reason: 'invalid_grant' } as const;

    for (const status of [ok, ok, failing, failing, ok]) subject.record(status);
    await flushed();

    expect(written).toEqual([ok, failing, ok]);
  });

  it('writes a new reason of the same failure at most once a minute', async () => {
    const subject = recorder();
    const failing = (reason: string) => ({ state: 'failing', since: '2026-11-27T10:00:00.000Z', reason }) as const;

    subject.record(failing('AADSTS70008 trace 1'));
    clock += REASON_REFRESH_MS - 1;
    subject.record(failing('AADSTS70008 trace 2'));
    clock += 1;
    subject.record(failing('AADSTS50173 trace 3'));
    await flushed();

    expect(written.map(({ reason }) => reason)).toEqual(['AADSTS70008 trace 1', 'AADSTS50173 trace 3']);
  });

  it('writes in order, and says when a write fails without stopping the next', async () => {
    let failNext = true;
    const subject = recorder(async (status) => {
      await new Promise((resolve) => setTimeout(resolve, status.state === 'failing' ? 20 : 0));
      if (failNext) {
        failNext = false;
        throw new Error('database unavailable');
      }
      written.push(status);
    });

    subject.record({ state: 'failing', since: '2026-11-27T10:00:00.000Z', reason: 'x' });
    subject.record({ state: 'ok', since: '2026-11-27T10:00:01.000Z' });
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(warnings).toEqual(['Partner Center credentials: their status could not be stored: database unavailable']);
    expect(written).toEqual([{ state: 'ok', since: '2026-11-27T10:00:01.000Z' }]);
  });
});
