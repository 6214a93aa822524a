import { Body, Controller, Get, HttpCode, Param, Post, UsePipes } from '@nestjs/common';
import { SupportEngineer } from '../answering/support-engineer.service';
import { serviceRequestNotFound } from '../errors/partner-center.exception';
import { strictBodies } from '../errors/validation-pipes';
import type { ServiceRequestResource } from '../service-requests/service-request.resource';
import { ServiceRequestStore } from '../service-requests/service-request.store';
import { AnswerNowDto } from './answer-now.dto';

/** Controls for tests and demos, outside Partner Center's API (no token needed). */
@Controller('simulator')
@UsePipes(strictBodies)
export class SimulatorController {
  constructor(
    private readonly store: ServiceRequestStore,
    private readonly engineer: SupportEngineer,
  ) {}

  @Get('health')
  health(): { status: 'ok'; serviceRequests: number } {
    return { status: 'ok', serviceRequests: this.store.size };
  }

  /** Answers the ticket now instead of at its scheduled time. */
  @Post('servicerequests/:id/answer')
  @HttpCode(200)
  answer(@Param('id') id: string, @Body() body: AnswerNowDto): ServiceRequestResource {
    const answered = this.engineer.answer(id, body.attentionNeeded ?? false);
    if (!answered) throw serviceRequestNotFound(id);
    return answered;
  }
}
