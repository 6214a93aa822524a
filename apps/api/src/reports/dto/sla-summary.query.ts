import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

const ISO_8601 = { message: ({ property }: { property: string }) => `${property} must be an ISO-8601 date-time` };

export class SlaSummaryQueryDto {
  @ApiPropertyOptional({ description: 'Tickets opened at or after this ISO-8601 time; default: 7 days before `to`' })
  @IsOptional()
  @IsISO8601({ strict: true }, ISO_8601)
  from?: string;

  @ApiPropertyOptional({ description: 'Tickets opened before this ISO-8601 time; default: now' })
  @IsOptional()
  @IsISO8601({ strict: true }, ISO_8601)
  to?: string;
}
