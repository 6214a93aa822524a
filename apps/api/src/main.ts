import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ConfigError, type AppConfig } from '@escalade/config';
import { AppModule } from './app.module';
import { LocalMode } from './auth/local-mode';
import { signInLink } from './auth/local-admin-key';
import { createApiApp } from './setup-app';

async function bootstrap(): Promise<void> {
  const app = await createApiApp(AppModule, { abortOnError: false });
  const config = app.get(ConfigService<AppConfig, true>);
  const port = config.get('PORT', { infer: true });
  const host = config.get('HOST', { infer: true });
  await app.listen(port, host);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // Through the logger: with LOG_FORMAT=json, stdout holds JSON lines only.
  const logger = new Logger('Escalade');
  logger.log(`Escalade API on ${url} (OpenAPI: ${url}/docs)`);
  const { adminKey } = app.get(LocalMode);
  if (adminKey) {
    logger.log(`LOCAL MODE (no identity configured): the console signs in with ${signInLink(url, adminKey)}`);
  }
}

bootstrap().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
