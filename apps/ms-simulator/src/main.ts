import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError } from '@escalade/config';
import { loadSimulatorConfig } from './config/simulator-config';
import { createSimulatorApp } from './create-simulator-app';

async function bootstrap(): Promise<void> {
  const config = loadSimulatorConfig();
  const app = await createSimulatorApp(config);
  app.enableShutdownHooks();
  await app.listen(config.SIMULATOR_PORT, config.SIMULATOR_HOST);
  const base = `http://127.0.0.1:${config.SIMULATOR_PORT}`;
  new Logger('Simulator').log(`Microsoft support simulator on ${base}: Partner Center API /v1, Entra ID token endpoint /${config.SIMULATOR_TENANT_ID}/oauth2/v2.0/token`);
}

bootstrap().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
