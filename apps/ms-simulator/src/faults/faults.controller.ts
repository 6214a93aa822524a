import { Body, Controller, Delete, Get, HttpCode, Post, Query, UsePipes } from '@nestjs/common';
import { strictBodies } from '../errors/validation-pipes';
import { FaultWindowDto } from './fault-window.dto';
import { type FaultWindow, FaultWindows } from './fault-windows.service';
import { type LoggedRequest, RequestLog } from './request-log.service';

/** Testing endpoints (no token): outages on order, and the requests they met. */
@Controller('simulator')
@UsePipes(strictBodies)
export class FaultsController {
  constructor(
    private readonly faults: FaultWindows,
    private readonly requests: RequestLog,
  ) {}

  /** From now for `durationMs`, the operations answer the fault: 429 with Retry-After, 500, or 401. */
  @Post('faults')
  open(@Body() body: FaultWindowDto): FaultWindow {
    return this.faults.open(body);
  }

  @Get('faults')
  list(): { items: FaultWindow[] } {
    return { items: this.faults.active() };
  }

  @Delete('faults')
  @HttpCode(204)
  clear(): void {
    this.faults.clear();
  }

  /** Partner Center and token requests received, oldest first; `?since=` (ISO 8601) keeps the later ones. */
  @Get('requests')
  received(@Query('since') since?: string): { items: LoggedRequest[] } {
    return { items: this.requests.since(since) };
  }
}
