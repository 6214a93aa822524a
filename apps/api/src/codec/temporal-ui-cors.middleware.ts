import { ForbiddenException, Injectable, type NestMiddleware } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '@escalade/config';

/** What the Web UI sends: its user's token (passAccessToken), JSON, and the namespace of the payloads. */
const ALLOWED_HEADERS = 'Authorization, Content-Type, X-Namespace';
const PREFLIGHT_CACHE_SECONDS = '600';

/**
 * CORS for the codec endpoint, for the configured Temporal Web UI only (TEMPORAL_UI_URL's origin), credentials included:
 * the UI calls it from the browser with the console's session cookie ("Include cross-origin credentials") or its
 * user's token. Its preflight is answered here, before the auth guard (a browser sends it without credentials); any
 * other origin's preflight is a 403, and its POST never gets this far (refuseCrossOriginWrites, in createApiApp).
 * A caller without an Origin (the CLI, curl) gets no CORS headers: it needs none.
 */
@Injectable()
export class TemporalUiCors implements NestMiddleware {
  private readonly uiOrigin: string;

  constructor(config: ConfigService<AppConfig, true>) {
    this.uiOrigin = new URL(config.get('TEMPORAL_UI_URL', { infer: true })).origin;
  }

  use(request: Request, response: Response, next: NextFunction): void {
    const origin = request.headers.origin;
    response.vary('Origin');
    const preflight = request.method === 'OPTIONS' && origin !== undefined;
    if (origin !== this.uiOrigin) {
      if (preflight) throw new ForbiddenException('The codec endpoint takes cross-origin requests from the configured Temporal UI only (TEMPORAL_UI_URL)');
      return next();
    }
    response.setHeader('Access-Control-Allow-Origin', origin);
    response.setHeader('Access-Control-Allow-Credentials', 'true');
    if (!preflight) return next();
    response.setHeader('Access-Control-Allow-Methods', 'POST');
    response.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    response.setHeader('Access-Control-Max-Age', PREFLIGHT_CACHE_SECONDS);
    response.status(204).end();
  }
}
