import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsoDateTime, OptionalField } from '../../validation/field.decorators';

export class SlaSummaryQueryDto {
  @ApiPropertyOptional({ description: 'Tickets opened at or after this ISO-8601 time; default: 7 days before `to`' })
  @OptionalField()
  @IsoDateTime()
  from?: string;

  @ApiPropertyOptional({ description: 'Tickets opened before this ISO-8601 time; default: now' })
  @OptionalField()
  @IsoDateTime()
  to?: string;
}
