import { z } from 'zod';

const LOG_FORMATS = ['json', 'pretty'] as const;
type LogFormat = (typeof LOG_FORMATS)[number];

/** pino's levels, most severe first; `silent` writes nothing. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** How the API, the worker and the simulator write their logs (README, Logs). */
export const loggingSchema = {
  /** `json`: one JSON object a line, for a log collector; `pretty`: coloured lines for a terminal. Unset: json with NODE_ENV=production, else pretty. */
  LOG_FORMAT: z.enum(LOG_FORMATS).optional(),
  /** The least severe level written. */
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
};

export interface LoggingSettings {
  format: LogFormat;
  level: LogLevel;
}

/** LOG_FORMAT and LOG_LEVEL with their defaults: a production deployment's collector reads JSON, a person at a terminal reads lines. */
export function loggingSettingsOf(settings: { NODE_ENV?: string; LOG_FORMAT?: LogFormat; LOG_LEVEL?: LogLevel }): LoggingSettings {
  return {
    format: settings.LOG_FORMAT ?? (settings.NODE_ENV === 'production' ? 'json' : 'pretty'),
    level: settings.LOG_LEVEL ?? 'info',
  };
}
