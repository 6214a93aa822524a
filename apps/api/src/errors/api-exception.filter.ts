import { type ArgumentsHost, Catch, HttpException, InternalServerErrorException, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';
import { asDependencyUnavailable, DependencyUnavailableException } from './dependency-unavailable';

/**
 * Every error leaves as a clear answer: HTTP errors as they are (Nest's and body-parser's), a dependency that is down
 * as a 503 naming it with Retry-After, anything else as a bare 500, logged here and never shown to the client.
 */
@Catch()
export class ApiExceptionFilter extends BaseExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  override catch(exception: unknown, host: ArgumentsHost): void {
    const error = asDependencyUnavailable(exception);
    if (error instanceof DependencyUnavailableException) return this.unavailable(error, host);
    if (error instanceof HttpException || this.isHttpError(error)) {
      if (hasChallenge(error)) this.challenge(error, host);
      return super.catch(error, host);
    }
    this.logger.error(error);
    super.catch(new InternalServerErrorException('Internal server error'), host);
  }

  /** A 401 tells how to authenticate (RFC 9110 §11.6.1). */
  private challenge({ wwwAuthenticate }: { wwwAuthenticate: string }, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (!response.headersSent) response.setHeader('WWW-Authenticate', wwwAuthenticate);
  }

  private unavailable(error: DependencyUnavailableException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    // The path, not the URL: a query string may carry a token.
    const { method, path } = http.getRequest<Request>();
    const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
    this.logger.warn(`${method} ${path}: 503, ${error.dependency} unavailable (${cause})`);
    const response = http.getResponse<Response>();
    if (!response.headersSent) response.setHeader('Retry-After', String(error.retryAfterSeconds));
    super.catch(error, host);
  }
}

/** An authentication failure carries its challenge (apps/api/src/auth: InvalidCredentialException). */
function hasChallenge(error: unknown): error is { wwwAuthenticate: string } {
  return typeof (error as { wwwAuthenticate?: unknown }).wwwAuthenticate === 'string';
}
