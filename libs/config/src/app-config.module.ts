import { ConfigModule } from '@nestjs/config';
import { loadAppConfig } from './app-config';

/** The validated environment as a global NestJS ConfigService<AppConfig, true>. */
export const AppConfigModule = ConfigModule.forRoot({
  isGlobal: true,
  ignoreEnvFile: true,
  validate: (env) => loadAppConfig(env as NodeJS.ProcessEnv),
});
