import { ApiPropertyOptional } from '@nestjs/swagger';
import { OptionalField, WholeNumber } from '../../validation/field.decorators';
import { PageLimit } from '../../validation/page-limit.decorator';

export class ListParkedEventsQuery {
  @ApiPropertyOptional({ description: 'Events after this global position: the last `position` of the previous page' })
  @OptionalField()
  @WholeNumber(0)
  after?: number;

  @PageLimit()
  limit?: number;
}
