import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListSupportTopicsQuery } from './dto/list-support-topics.query';
import { SupportTopicsService, type SupportTopicsView } from './support-topics.service';

@ApiTags('support-topics')
@Controller('support-topics')
export class SupportTopicsController {
  constructor(private readonly supportTopics: SupportTopicsService) {}

  @Get()
  @ApiOperation({
    summary:
      "Partner Center's support topics in the agent locale, as the worker last fetched them, each with the product (and category) " +
      'whose requests are filed under it; empty, with `fetchedAt: null` and a `note`, until the worker has fetched them',
  })
  @ApiBadRequestResponse({ description: 'Every invalid query parameter is named in `errors`' })
  list(@Query() { product, category }: ListSupportTopicsQuery): Promise<SupportTopicsView> {
    return this.supportTopics.list({ product, category });
  }
}
