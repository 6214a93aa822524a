import { formatDuration } from './duration';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [12_000, '12s'],
    [4 * 60_000 + 7_000, '4m 07s'],
    [3_600_000, '1h 00m'],
    [3_600_000 + 5 * 60_000 + 59_000, '1h 05m'],
    [2 * 86_400_000 + 4 * 3_600_000, '2d 04h'],
    [-5_000, '0s'],
  ])('%i ms reads "%s"', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
