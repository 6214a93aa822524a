import { ConfigModule, type ConfigModuleOptions } from '@nestjs/config';
import { loadAppConfig } from './app-config';

const options: ConfigModuleOptions = {
  isGlobal: true,
  ignoreEnvFile: true,
  validate: (env) => loadAppConfig(env as NodeJS.ProcessEnv),
};

/**
 * The validated environment as a global NestJS ConfigService<AppConfig, true>. A function, not a constant:
 * the environment is read when an app module is declared, never merely by importing this library.
 */
export function appConfigModule() {
  return ConfigModule.forRoot(options);
}
