import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
import { ConfigError, type AppConfig } from '@escalade/config';
import { AppModule } from './app.module';
import { createApiApp } from './setup-app';

async function bootstrap(): Promise<void> {
  const app = await createApiApp(AppModule, { abortOnError: false });
  const port = app.get(ConfigService<AppConfig, true>).get('PORT', { infer: true });
  await app.listen(port);
  console.log(`Escalade API on http://127.0.0.1:${port} (OpenAPI: http://127.0.0.1:${port}/docs)`);
}

bootstrap().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
