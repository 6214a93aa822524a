import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { faultAnswer } from './fault-answers';
import { FaultWindows } from './fault-windows.service';
import { OPERATION_METADATA, type Operation } from './operations';
import { RequestLog } from './request-log.service';

/** Logs the request of a named operation, then lets an open fault window answer in its place. */
@Injectable()
export class FaultGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly faults: FaultWindows,
    private readonly requests: RequestLog,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const operation = this.reflector.getAllAndOverride<Operation>(OPERATION_METADATA, [context.getHandler(), context.getClass()]);
    const http = context.switchToHttp();
    this.requests.record(operation, http.getRequest<Request>(), http.getResponse<Response>());
    const fault = this.faults.activeFor(operation);
    if (fault) throw faultAnswer(fault, operation);
    return true;
  }
}
