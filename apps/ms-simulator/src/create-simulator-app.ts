import type { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { loggingSettingsOf } from '@escalade/config';
import { createLoggedApp } from '@escalade/logging';
import { AppModule } from './app.module';
import type { SimulatorConfig } from './config/simulator-config';
import { PartnerCenterErrorFilter } from './errors/partner-center-error.filter';
import { echoRequestIds } from './http/echo-request-ids.middleware';

/**
 * The app as main.ts and the tests run it: Partner Center's error bodies and echoed request ids. Bodies are validated
 * per controller: Partner Center's leniently (as Microsoft), the simulator's own endpoints strictly. It stands in for
 * Microsoft: the requests it answers are logged at debug (the worker polls it all day), its refusals at info.
 */
export async function createSimulatorApp(config: SimulatorConfig, options: NestApplicationOptions = {}): Promise<INestApplication> {
  const logging = { name: 'simulator', settings: loggingSettingsOf(config), accessLog: { successLevel: 'debug' as const } };
  const app = await createLoggedApp(AppModule.forRoot(config), logging, { abortOnError: false, ...options });
  app.use(echoRequestIds);
  app.useGlobalFilters(new PartnerCenterErrorFilter());
  return app;
}
