import { Type } from 'class-transformer';
import { IsIn, IsOptional, ValidateNested } from 'class-validator';
import { NoteDto } from './parts.dto';

export const SETTABLE_STATUSES = ['open', 'closed'] as const;

/** The body of `PATCH /v1/servicerequests/{id}`: a note to add, a status to set, or both. */
export class UpdateServiceRequestDto {
  @IsOptional()
  @ValidateNested()
  @Type(() => NoteDto)
  NewNote?: NoteDto;

  @IsOptional()
  @IsIn(SETTABLE_STATUSES)
  Status?: (typeof SETTABLE_STATUSES)[number];
}
