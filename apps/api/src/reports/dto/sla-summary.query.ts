import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsFQDN, IsIn, IsString } from 'class-validator';
import { SLA_GROUPINGS, type SlaGrouping } from '@escalade/domain';
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

  @ApiPropertyOptional({ enum: SLA_GROUPINGS, default: 'week', description: 'How `measures` groups the tickets' })
  @OptionalField()
  @IsIn(SLA_GROUPINGS, { message: `groupBy must be one of ${SLA_GROUPINGS.join(', ')}` })
  groupBy?: SlaGrouping;

  @ApiPropertyOptional({ description: "One customer's tickets only: its domain (case does not matter)", example: 'contoso.com' })
  @OptionalField()
  @IsString()
  @IsFQDN({}, { message: 'customer must be a domain name, e.g. contoso.com' })
  customer?: string;
}
