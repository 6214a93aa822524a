import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { PartnerCenterErrorBody } from './partner-center.exception';
import { SimulatedAnswer } from './simulated-answer';

/** Every failure, Nest's own included (unknown route, malformed JSON), leaves in Partner Center's error shape. */
@Catch()
export class PartnerCenterErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('PartnerCenterErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof SimulatedAnswer) {
      response.status(exception.getStatus()).set(exception.headers).json(exception.body);
      return;
    }
    const { status, body } = this.toPartnerCenterError(exception);
    response.status(status).json(body);
  }

  private toPartnerCenterError(exception: unknown): { status: number; body: PartnerCenterErrorBody } {
    if (!(exception instanceof HttpException)) {
      this.logger.error(exception);
      return { status: 500, body: { code: 500, description: 'Internal error', errorName: 'InternalError' } };
    }
    const status = exception.getStatus();
    return { status, body: { code: status, description: exception.message, errorName: exception.name.replace(/Exception$/, '') } };
  }
}
