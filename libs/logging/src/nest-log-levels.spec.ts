import type { LogLevel } from '@nestjs/common';
import { pinoLevelOf } from './nest-log-levels';

describe('pinoLevelOf (Nest `logger` option, as a test sets it)', () => {
  const cases: Array<[false | LogLevel[], string]> = [
    [false, 'silent'],
    [['error'], 'error'],
    [['error', 'warn'], 'warn'],
    [['log', 'warn', 'error'], 'info'],
    [['verbose', 'error'], 'trace'],
    [[], 'silent'],
  ];

  it.each(cases)('%j is %s', (option, level) => {
    expect(pinoLevelOf(option)).toBe(level);
  });

  it('leaves the level to the configuration without one', () => {
    expect(pinoLevelOf(undefined)).toBeUndefined();
  });
});
