import { shortReason } from './parked-event';

describe('shortReason', () => {
  it('keeps the first line, without control characters', () => {
    expect(shortReason('the fold failed: boom\n    at evolve (ticket-summary.ts:1:1)')).toBe('the fold failed: boom');
    expect(shortReason('type X\u0000Y\tZ')).toBe('type X Y Z');
  });

  it('cuts a long reason to 300 characters', () => {
    const reason = shortReason(`id ${'🔥'.repeat(400)}`);
    expect(Array.from(reason)).toHaveLength(300);
    expect(reason.endsWith('…')).toBe(true);
  });
});
