import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, type ConfigModuleOptions } from '@nestjs/config';
import { loadAppConfig } from './app-config';
import { TicketPolicy } from './ticket-policy';

const options: ConfigModuleOptions = {
  isGlobal: true,
  ignoreEnvFile: true,
  validate: (env) => loadAppConfig(env as NodeJS.ProcessEnv),
};

@Module({})
class AppConfigModule {}

/**
 * The validated environment as a global NestJS ConfigService<AppConfig, true>, and the TicketPolicy read from it
 * once. A function, not a constant: the environment is read when an app module is declared, never merely by
 * importing this library.
 */
export function appConfigModule(): DynamicModule {
  return {
    module: AppConfigModule,
    global: true,
    imports: [ConfigModule.forRoot(options)],
    providers: [TicketPolicy],
    exports: [TicketPolicy],
  };
}
