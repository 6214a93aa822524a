import type { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import type { LogLevel } from '@escalade/config';

/** Nest's levels as pino's, least severe first. */
const PINO_LEVEL: ReadonlyArray<[NestLogLevel, LogLevel]> = [
  ['verbose', 'trace'],
  ['debug', 'debug'],
  ['log', 'info'],
  ['warn', 'warn'],
  ['error', 'error'],
  ['fatal', 'fatal'],
];

/**
 * The pino level of Nest's `logger` option, as the tests set it on an app (`false`, `['error', 'warn']`): the least
 * severe level it names. Undefined when the option leaves it to the configuration (LOG_LEVEL).
 */
export function pinoLevelOf(option: LoggerService | NestLogLevel[] | false | undefined): LogLevel | undefined {
  if (option === false) return 'silent';
  if (!Array.isArray(option)) return undefined;
  return PINO_LEVEL.find(([nest]) => option.includes(nest))?.[1] ?? 'silent';
}
