import { DEFAULT_SLA_POLICY } from './sla-policy';
import { responseWindow, warningTime } from './response-window';

describe('responseWindow', () => {
  const filedAt = new Date('2026-11-24T10:00:00Z');
  const dueAt = new Date('2026-11-24T12:00:00Z'); // severity A: 2 hours

  it('puts the warning at the warning share of the window', () => {
    expect(warningTime(filedAt, dueAt, { warningShare: 0.75 }).toISOString()).toBe('2026-11-24T11:30:00.000Z');
  });

  it('plans every ladder level after the due time', () => {
    expect(responseWindow(filedAt, dueAt, DEFAULT_SLA_POLICY)).toEqual({
      startsAt: '2026-11-24T10:00:00.000Z',
      warningAt: '2026-11-24T11:30:00.000Z',
      dueAt: '2026-11-24T12:00:00.000Z',
      escalations: [
        { level: 1, audience: 'coordinators', at: '2026-11-24T12:00:00.000Z' },
        { level: 2, audience: 'duty-manager', at: '2026-11-24T13:00:00.000Z' },
        { level: 3, audience: 'microsoft-account-contact', at: '2026-11-24T14:00:00.000Z' },
      ],
    });
  });
});
