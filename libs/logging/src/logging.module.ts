import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule, type Params } from 'nestjs-pino';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { loggingSettingsOf, type AppConfig, type LoggingSettings, type LogLevel } from '@escalade/config';
import { accessLogOptions, type AccessLogOptions } from './access-log';
import { createRootLogger } from './root-logger';

/** The access log's middleware (pino-http), for an app that mounts it itself (`appMountsAccessLog`). */
export const ACCESS_LOG = Symbol('AccessLog');
const ROOT_LOGGER = Symbol('RootLogger');

export interface LoggingOptions {
  /** Names the process in every line: `api`, `worker`, `simulator`. */
  name: string;
  /** LOG_FORMAT and LOG_LEVEL; unset: the app's configuration (ConfigService), or their defaults in an app without one. */
  settings?: LoggingSettings;
  /** Overrides the level: a test's, from Nest's `logger` option (pinoLevelOf). */
  level?: LogLevel;
  /** Fields every line takes from where it is logged. */
  mixin?: () => object;
  accessLog?: AccessLogOptions;
  /**
   * The app mounts ACCESS_LOG itself, ahead of its own middleware (the API's refusals happen there): this module's would
   * come after it, and see only what those let through.
   */
  appMountsAccessLog?: boolean;
}

@Module({})
class RootLoggerModule {}

@Module({})
class LoggingModule {}

function settingsOf(options: LoggingOptions, config?: ConfigService<AppConfig, true>): LoggingSettings {
  // ConfigService answers a variable set empty (validated as unset) with the environment's '': unset, too.
  const settings =
    options.settings ??
    loggingSettingsOf({
      NODE_ENV: config?.get('NODE_ENV', { infer: true }) || undefined,
      LOG_FORMAT: config?.get('LOG_FORMAT', { infer: true }) || undefined,
      LOG_LEVEL: config?.get('LOG_LEVEL', { infer: true }) || undefined,
    });
  return { ...settings, level: options.level ?? settings.level };
}

/**
 * pino as the app's logger (nestjs-pino: `app.useLogger(app.get(Logger))`), writing LOG_FORMAT at LOG_LEVEL, with a line
 * a request (accessLogOptions); Nest's lines logged while a request is handled carry its `reqId`.
 */
export function loggingModule(options: LoggingOptions): DynamicModule {
  const root: DynamicModule = {
    module: RootLoggerModule,
    providers: [
      {
        provide: ROOT_LOGGER,
        inject: [{ token: ConfigService, optional: true }],
        useFactory: (config?: ConfigService<AppConfig, true>) =>
          createRootLogger({ name: options.name, mixin: options.mixin, ...settingsOf(options, config) }),
      },
    ],
    exports: [ROOT_LOGGER],
  };
  // Mounted by the app, the access log sets each request's logger; the module's middleware only hands it to Nest's lines.
  const params = (logger: Logger): Params =>
    options.appMountsAccessLog ? { pinoHttp: { logger }, useExisting: true } : { pinoHttp: accessLogOptions(logger, options.accessLog) };
  const accessLog = { provide: ACCESS_LOG, inject: [ROOT_LOGGER], useFactory: (logger: Logger) => pinoHttp(accessLogOptions(logger, options.accessLog)) };
  return {
    module: LoggingModule,
    global: true,
    imports: [root, LoggerModule.forRootAsync({ imports: [root], inject: [ROOT_LOGGER], useFactory: params })],
    providers: options.appMountsAccessLog ? [accessLog] : [],
    exports: options.appMountsAccessLog ? [ACCESS_LOG] : [],
  };
}
