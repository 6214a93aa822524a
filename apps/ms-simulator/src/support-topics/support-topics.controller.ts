import { Controller, Get, UseGuards } from '@nestjs/common';
import { BearerTokenGuard } from '../http/bearer-token.guard';
import { collection, type Collection } from '../http/collection';
import { SUPPORT_TOPICS, type SupportTopic } from './support-topic.catalogue';

// Registered before ServiceRequestsController, or `GET /v1/servicerequests/:id` would take "supporttopics" for an id.
@Controller('v1/servicerequests/supporttopics')
@UseGuards(BearerTokenGuard)
export class SupportTopicsController {
  @Get()
  list(): Collection<SupportTopic> {
    return collection([...SUPPORT_TOPICS]);
  }
}
