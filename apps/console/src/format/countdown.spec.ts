import { countdown } from './countdown';

const NOW = Date.parse('2026-03-02T10:00:00.000Z');
const waiting = { status: 'awaiting-response' as const, breached: false };

describe('countdown', () => {
  it('counts down to the due time, never showing 0s before it', () => {
    expect(countdown({ ...waiting, responseDueAt: '2026-03-02T10:04:07.000Z' }, NOW)).toEqual({ text: '4m 07s', late: false });
    expect(countdown({ ...waiting, responseDueAt: '2026-03-02T10:00:00.300Z' }, NOW)).toEqual({ text: '1s', late: false });
  });

  it('says how late once the due time has passed or the breach is recorded, whichever this clock sees first', () => {
    expect(countdown({ ...waiting, responseDueAt: '2026-03-02T10:00:00.000Z' }, NOW)).toEqual({ text: 'late by 0s', late: true });
    expect(countdown({ ...waiting, responseDueAt: '2026-03-02T10:00:00.400Z', breached: true }, NOW)).toEqual({
      text: 'late by 0s',
      late: true,
    });
    expect(countdown({ ...waiting, responseDueAt: '2026-03-02T09:58:30.000Z', breached: true }, NOW)).toEqual({
      text: 'late by 1m 30s',
      late: true,
    });
  });

  it('stops once Microsoft answered, and shows nothing without a target', () => {
    const due = '2026-03-02T09:00:00.000Z';
    expect(countdown({ status: 'responded', responseDueAt: due, breached: true }, NOW)).toEqual({ text: 'answered late', late: true });
    expect(countdown({ status: 'responded', responseDueAt: due, breached: false }, NOW)).toEqual({ text: 'answered', late: false });
    expect(countdown({ status: 'handing-off', responseDueAt: null, breached: false }, NOW)).toEqual({ text: '—', late: false });
  });
});
