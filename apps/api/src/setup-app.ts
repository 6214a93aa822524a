import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createValidationPipe } from './validation/validation.pipe';

/** What main.ts and the end-to-end tests both apply to the app: validation, OpenAPI, shutdown hooks. */
export function setupApp(app: INestApplication): INestApplication {
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Escalade')
      .setDescription('Service requests filed with Microsoft on behalf of CSP customers, each a durable Temporal workflow')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
