import type { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import type { SimulatorConfig } from './config/simulator-config';
import { PartnerCenterErrorFilter } from './errors/partner-center-error.filter';
import { createValidationPipe } from './errors/pascal-case-validation.pipe';
import { echoRequestIds } from './http/echo-request-ids.middleware';

/** The app as main.ts and the tests run it: Partner Center's validation, error bodies and echoed request ids. */
export async function createSimulatorApp(config: SimulatorConfig, options: NestApplicationOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), { abortOnError: false, ...options });
  app.use(echoRequestIds);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new PartnerCenterErrorFilter());
  return app;
}
