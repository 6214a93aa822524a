import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, type AppConfig } from '@escalade/config';
import { TemporalWorkerService } from './temporal/temporal-worker.service';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(WorkerModule, { abortOnError: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  const config = app.get(ConfigService<AppConfig, true>);
  // Probes answer from the start: not ready until the worker polls, and again while it drains.
  await app.listen(config.get('WORKER_PORT', { infer: true }), config.get('HOST', { infer: true }));
  // Temporal's runtime turns SIGINT/SIGTERM into a graceful worker shutdown (WORKER_SHUTDOWN_GRACE_MS); run() returns after it.
  await app.get(TemporalWorkerService).run();
  await app.close();
}

bootstrap().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
