import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { DELIVERY_STATUSES, type DeliveryStatus } from '@escalade/alerting';
import { OptionalField } from '../../validation/field.decorators';
import { TICKET_ID_PATTERN, TICKET_ID_RULE } from '../../validation/ids';
import { PageLimit } from '../../validation/page-limit.decorator';

export class ListAlertDeliveriesQuery {
  @ApiPropertyOptional({ description: "Only this ticket's deliveries" })
  @OptionalField()
  @Matches(TICKET_ID_PATTERN, { message: `ticketId ${TICKET_ID_RULE}` })
  ticketId?: string;

  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @OptionalField()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @PageLimit()
  limit?: number;
}
