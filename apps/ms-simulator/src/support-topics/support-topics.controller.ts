import { Controller, Get, Headers, UseGuards } from '@nestjs/common';
import { FaultGuard } from '../faults/fault.guard';
import { OperationName } from '../faults/operations';
import { collection, type Collection } from '../http/collection';
import { AccessTokenGuard } from '../http/access-token.guard';
import { type SupportTopic, supportTopics } from './support-topic.catalogue';

// Registered before ServiceRequestsController, or `GET /v1/servicerequests/:id` would take "supporttopics" for an id.
@Controller('v1/servicerequests/supporttopics')
@UseGuards(FaultGuard, AccessTokenGuard)
export class SupportTopicsController {
  /** Names and descriptions in the X-Locale's language (en-US or fr-FR; others fall back to en-US). */
  @Get()
  @OperationName('support-topics')
  list(@Headers('x-locale') locale?: string): Collection<SupportTopic> {
    return collection(supportTopics(locale));
  }
}
