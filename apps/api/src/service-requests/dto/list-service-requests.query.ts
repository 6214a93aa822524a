import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { PRODUCTS, SEVERITIES, TICKET_STATUSES, type Product, type Severity, type TicketStatus } from '@escalade/domain';
import { IsoDateTime, OptionalField } from '../../validation/field.decorators';
import { PageLimit } from '../../validation/page-limit.decorator';

/** `?status=a,b` and `?status=a&status=b` both become ['a', 'b']. */
const toList = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListServiceRequestsQuery {
  @ApiPropertyOptional({ enum: TICKET_STATUSES, isArray: true, description: 'Comma-separated' })
  @OptionalField()
  @Transform(toList)
  @IsIn(TICKET_STATUSES, { each: true })
  status?: TicketStatus[];

  @ApiPropertyOptional({ enum: SEVERITIES, isArray: true, description: 'Comma-separated' })
  @OptionalField()
  @Transform(toList)
  @IsIn(SEVERITIES, { each: true })
  severity?: Severity[];

  @ApiPropertyOptional({ enum: PRODUCTS, isArray: true, description: 'Comma-separated' })
  @OptionalField()
  @Transform(toList)
  @IsIn(PRODUCTS, { each: true })
  product?: Product[];

  @ApiPropertyOptional({ maxLength: 253, description: "The customer's name or domain" })
  @OptionalField()
  @IsString()
  @IsNotEmpty()
  @MaxLength(253)
  customer?: string;

  @ApiPropertyOptional({ type: Boolean })
  @OptionalField()
  @Transform(toBoolean)
  @IsBoolean({ message: 'breached must be true or false' })
  breached?: boolean;

  @ApiPropertyOptional({ description: 'Only tickets whose response is due before this ISO-8601 time' })
  @OptionalField()
  @IsoDateTime()
  dueBefore?: string;

  // A cursor encodes the last ticket's opening time and id (up to 200 characters) in base64url.
  @ApiPropertyOptional({ maxLength: 512, description: 'The nextCursor of the previous page' })
  @OptionalField()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,512}$/, { message: 'cursor is not one this API returned' })
  cursor?: string;

  @PageLimit()
  limit?: number;
}
