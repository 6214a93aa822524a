import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';

export class EventStreamQuery {
  @ApiPropertyOptional({
    description:
      'Start after this global position (e.g. the `position` of a ticket list, to follow on from it); a Last-Event-ID header, sent on reconnection, wins',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'after must be a whole number' })
  @Min(0, { message: 'after must not be negative' })
  after?: number;
}
