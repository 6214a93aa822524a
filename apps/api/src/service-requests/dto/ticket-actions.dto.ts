import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { SEVERITIES, type Severity } from '@escalade/domain';
import { IsoDateTime, OptionalField } from '../../validation/field.decorators';
import { MultiLine } from '../../validation/text';

export class MicrosoftResponseDto {
  @ApiPropertyOptional({ maxLength: 5_000, description: "A note about Microsoft's initial response" })
  @OptionalField()
  @IsString()
  @MaxLength(5_000)
  @MultiLine()
  note?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Who recorded the response' })
  @OptionalField()
  @IsString()
  @MaxLength(200)
  respondedBy?: string;

  @ApiPropertyOptional({
    description:
      "When Microsoft's answer arrived, if not now (ISO 8601 with a time zone): the response target is judged on it. " +
      'Not in the future, not before the ticket was filed.',
    example: '2026-11-27T09:58:00Z',
  })
  @OptionalField()
  @IsoDateTime({ message: 'respondedAt must be an ISO-8601 date-time, e.g. 2026-11-27T09:58:00Z' })
  @Matches(/(Z|[+-]\d{2}:?\d{2})$/i, { message: 'respondedAt must name its time zone (Z or ±hh:mm)' })
  respondedAt?: string;
}

export class AzureAccessGrantedDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Who granted the access at the indirect provider' })
  @OptionalField()
  @IsString()
  @MaxLength(200)
  grantedBy?: string;
}

export class ChangeSeverityDto {
  @ApiProperty({ enum: SEVERITIES })
  @IsIn(SEVERITIES)
  severity!: Severity;

  @ApiProperty({ example: 'Production is down after all', maxLength: 2_000 })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(2_000)
  @MultiLine()
  reason!: string;

  @ApiPropertyOptional({
    example: 'Ada (duty coordinator)',
    maxLength: 200,
    description: "A display name; who changed it is recorded from the credential (`by`), whatever this says. Default: the principal's name",
  })
  @OptionalField()
  @IsString()
  @Matches(/\S/, { message: 'changedBy must not be blank' })
  @MaxLength(200)
  changedBy?: string;
}

export class CloseServiceRequestDto {
  @ApiProperty({ example: 'Microsoft restored the service', maxLength: 5_000 })
  @IsString()
  @Matches(/\S/, { message: 'resolution must not be blank' })
  @MaxLength(5_000)
  @MultiLine()
  resolution!: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @OptionalField()
  @IsString()
  @MaxLength(200)
  closedBy?: string;
}

export class SendNoteDto {
  @ApiProperty({ example: 'The customer confirms the outage started at 09:12 UTC', maxLength: 5_000 })
  @IsString()
  @Matches(/\S/, { message: 'text must not be blank' })
  @MaxLength(5_000)
  @MultiLine()
  text!: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'coordinator@fabrikam.com' })
  @OptionalField()
  @IsString()
  @MaxLength(200)
  sentBy?: string;
}
