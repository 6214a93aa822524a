import { pino, stdTimeFunctions, type Logger } from 'pino';
import type { LoggingSettings } from '@escalade/config';
import { prettyLines } from './pretty-lines';
import { REDACTED_PATHS } from './redaction';

export interface RootLoggerOptions extends LoggingSettings {
  /** Names the process in every line (`name`): `api`, `worker`, `simulator`; `npm start` interleaves their lines. */
  name: string;
  /** Fields every line takes from where it is logged (the worker's: the Temporal activity being run). */
  mixin?: () => object;
}

/**
 * The process's pino logger, writing to stdout: JSON lines (level by name, ISO time) for a collector, or the same lines
 * made readable. Every line is redacted (REDACTED_PATHS).
 */
export function createRootLogger({ name, format, level, mixin }: RootLoggerOptions, out: NodeJS.WritableStream = process.stdout): Logger {
  const options = { name, level, mixin, redact: { paths: [...REDACTED_PATHS] } };
  if (format === 'pretty') return pino(options, prettyLines(out));
  return pino({ ...options, timestamp: stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } }, out);
}
