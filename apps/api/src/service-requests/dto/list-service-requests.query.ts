import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { PRODUCTS, SEVERITIES, TICKET_STATUSES, type Product, type Severity, type TicketStatus } from '@escalade/domain';
import { PageLimit } from '../../validation/page-limit.decorator';

/** `?status=a,b` and `?status=a&status=b` both become ['a', 'b']. */
const toList = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListServiceRequestsQuery {
  @ApiPropertyOptional({ enum: TICKET_STATUSES, isArray: true, description: 'Comma-separated' })
  @IsOptional()
  @Transform(toList)
  @IsIn(TICKET_STATUSES, { each: true })
  status?: TicketStatus[];

  @ApiPropertyOptional({ enum: SEVERITIES, isArray: true, description: 'Comma-separated' })
  @IsOptional()
  @Transform(toList)
  @IsIn(SEVERITIES, { each: true })
  severity?: Severity[];

  @ApiPropertyOptional({ enum: PRODUCTS, isArray: true, description: 'Comma-separated' })
  @IsOptional()
  @Transform(toList)
  @IsIn(PRODUCTS, { each: true })
  product?: Product[];

  @ApiPropertyOptional({ description: "The customer's name or domain" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  customer?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'breached must be true or false' })
  breached?: boolean;

  @ApiPropertyOptional({ description: 'Only tickets whose response is due before this ISO-8601 time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'dueBefore must be an ISO-8601 date-time' })
  dueBefore?: string;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  cursor?: string;

  @PageLimit()
  limit?: number;
}
