import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError } from '@escalade/config';
import { TemporalWorkerService } from './temporal/temporal-worker.service';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { abortOnError: false });
  // Temporal's runtime turns SIGINT/SIGTERM into a graceful worker shutdown; run() returns after it.
  await app.get(TemporalWorkerService).run();
  await app.close();
}

bootstrap().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
