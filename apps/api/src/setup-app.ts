import type { NestApplicationOptions, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ACCESS_LOG, createLoggedApp } from '@escalade/logging';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { bodyLimitOf } from './http/body-limits';
import { refuseCrossOriginWrites } from './http/cross-origin-writes.middleware';
import { hardeningSettingsOf } from './http/hardening-settings';
import { assignRequestId, requestIdOf } from './http/request-id';
import { timeHttpRequests } from './metrics/http-request-duration';
import { securityHeaders } from './http/security-headers';
import { parseJsonBody, refuseUnreadableBody, requireJsonBody } from './validation/json-body.middleware';
import { requireWellFormedUrl } from './validation/url.middleware';
import { createValidationPipe } from './validation/validation.pipe';

/** Its logs: a line a request, ahead of the middleware that may refuse it, under the id its response carries. */
const API_LOGGING = {
  name: 'api',
  appMountsAccessLog: true,
  accessLog: { requestId: requestIdOf, quietPaths: ['/health', '/health/live', '/health/ready', '/metrics'] },
};

/**
 * The API as main.ts and the end-to-end tests both run it: every request timed (metrics), a request id on every
 * response and its log lines, a line a request (API_LOGGING), security headers,
 * cross-site writes refused, strict input (JSON bodies only, within each route's limit, through our own parser rather
 * than Nest's, which also reads forms), validation, OpenAPI, shutdown hooks. (Rate limits are guards: AppModule.)
 */
export async function createApiApp(
  module: Type<unknown>,
  options: Omit<NestApplicationOptions, 'bodyParser'> = {},
): Promise<NestExpressApplication> {
  const app = await createLoggedApp<NestExpressApplication>(module, API_LOGGING, { ...options, bodyParser: false });
  const settings = hardeningSettingsOf(app);
  app.disable('x-powered-by');
  if (settings.trustProxy !== undefined) app.set('trust proxy', settings.trustProxy);
  app.use(timeHttpRequests, assignRequestId, app.get(ACCESS_LOG), securityHeaders(settings), refuseCrossOriginWrites(settings.trustedOrigins));
  app.use(requireWellFormedUrl, requireJsonBody, parseJsonBody((req) => bodyLimitOf(req.method, req.path)), refuseUnreadableBody);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter(app.getHttpAdapter()));
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Escalade')
      .setDescription('Service requests filed with Microsoft on behalf of CSP customers, each a durable Temporal workflow')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key (esk_…) or an Entra ID access token' })
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key (esk_…)' }, 'api-key')
      // Every route but health, docs and sign-in needs one of them (see README, Sign-in and access).
      .addSecurityRequirements('bearer')
      .addSecurityRequirements('api-key')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
