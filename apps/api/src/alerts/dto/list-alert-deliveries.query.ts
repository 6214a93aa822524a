import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { DELIVERY_STATUSES, type DeliveryStatus } from '@escalade/persistence';
import { PageLimit } from '../../validation/page-limit.decorator';

export class ListAlertDeliveriesQuery {
  @ApiPropertyOptional({ description: "Only this ticket's deliveries" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  ticketId?: string;

  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @PageLimit()
  limit?: number;
}
