import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request, Response } from 'express';
import type { AppConfig } from '@escalade/config';
import { metricsTokenOf } from './metrics-token';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * `/metrics` for the bearer of the metrics token only (compared in constant time): 401 without it or with another; 404
 * when metrics are off (production without METRICS_TOKEN). The token is read once, at start.
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly digest?: Buffer;

  constructor(config: ConfigService<AppConfig, true>) {
    const token = metricsTokenOf({
      NODE_ENV: config.get('NODE_ENV', { infer: true }),
      DATA_DIR: config.get('DATA_DIR', { infer: true }),
      METRICS_TOKEN: config.get('METRICS_TOKEN', { infer: true }),
    });
    this.digest = token === undefined ? undefined : sha256(token);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.digest) throw new NotFoundException('metrics are off: set METRICS_TOKEN');
    const http = context.switchToHttp();
    const sent = /^Bearer +(\S+)\s*$/i.exec(http.getRequest<Request>().headers.authorization ?? '')?.[1];
    if (sent !== undefined && timingSafeEqual(sha256(sent), this.digest)) return true;
    http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="escalade-metrics"');
    throw new UnauthorizedException(sent === undefined ? 'Send the metrics token: Authorization: Bearer <METRICS_TOKEN>' : 'Not the metrics token');
  }
}
