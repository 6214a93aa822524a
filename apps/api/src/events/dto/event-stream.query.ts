import { ApiPropertyOptional } from '@nestjs/swagger';
import { OptionalField, WholeNumber } from '../../validation/field.decorators';

export class EventStreamQuery {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    description:
      'Start after this global position (e.g. the `position` of a ticket list, to follow on from it); a Last-Event-ID header, sent on reconnection, wins',
  })
  @OptionalField()
  @WholeNumber(0)
  after?: number;
}
