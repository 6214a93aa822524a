import type { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import type { SimulatorConfig } from './config/simulator-config';
import { PartnerCenterErrorFilter } from './errors/partner-center-error.filter';
import { echoRequestIds } from './http/echo-request-ids.middleware';

/**
 * The app as main.ts and the tests run it: Partner Center's error bodies and echoed request ids. Bodies are validated
 * per controller: Partner Center's leniently (as Microsoft), the simulator's own endpoints strictly.
 */
export async function createSimulatorApp(config: SimulatorConfig, options: NestApplicationOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), { abortOnError: false, ...options });
  app.use(echoRequestIds);
  app.useGlobalFilters(new PartnerCenterErrorFilter());
  return app;
}
