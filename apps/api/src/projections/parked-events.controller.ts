import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParkedEventsStore, type ParkedEvent } from '@escalade/persistence';
import { DEFAULT_PAGE_LIMIT } from '../validation/page-limit.decorator';
import { ListParkedEventsQuery } from './dto/list-parked-events.query';
import { ForEveryPartner, RequiresRole } from '../auth/auth.decorators';

export interface ParkedEventsView {
  count: number;
  events: ParkedEvent[];
}

@ApiTags('projections')
@RequiresRole('admin')
@ForEveryPartner()
@Controller('projections')
export class ParkedEventsController {
  constructor(private readonly parked: ParkedEventsStore) {}

  @Get('parked')
  @ApiOperation({
    summary:
      'Events the tickets read model could not fold, oldest first, with why; `npm run projections:replay-parked` applies them after a fix',
  })
  @ApiBadRequestResponse({ description: 'Every invalid query parameter is named in `errors`' })
  async list(@Query() { after, limit = DEFAULT_PAGE_LIMIT }: ListParkedEventsQuery): Promise<ParkedEventsView> {
    const [count, events] = await Promise.all([this.parked.count(), this.parked.list({ after, limit })]);
    return { count, events };
  }
}
