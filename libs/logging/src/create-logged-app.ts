import { type DynamicModule, type INestApplication, Module, type NestApplicationOptions, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loggingModule, type LoggingOptions } from './logging.module';
import { pinoLevelOf } from './nest-log-levels';

@Module({})
class LoggedApp {}

/**
 * NestFactory.create for `module` with pino as its logger (loggingModule), from the first line of its start
 * (`bufferLogs`). Nest's `logger` option, as a test sets it, is pino's level (pinoLevelOf).
 */
export async function createLoggedApp<T extends INestApplication>(
  module: Type<unknown> | DynamicModule,
  logging: LoggingOptions,
  { logger, ...options }: NestApplicationOptions = {},
): Promise<T> {
  const app = await NestFactory.create<T>(
    { module: LoggedApp, imports: [module, loggingModule({ ...logging, level: pinoLevelOf(logger) })] },
    { ...options, bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  // Nest flushes what it buffered at listen() only: an app a test merely init()s would keep buffering.
  app.flushLogs();
  return app;
}
