import { Type } from 'class-transformer';
import { IsIn, IsOptional, ValidateNested } from 'class-validator';
import { EnumMember, STATUS_MEMBERS } from './enum-values';
import { NoteDto } from './parts.dto';

/** `none` is the default a .NET client sends for a status it leaves alone (Microsoft's update example does). */
const PATCHABLE_STATUSES = ['none', 'open', 'closed'] as const;

/** What `PATCH /v1/servicerequests/{id}` takes: a note to add, a status to set, or both; the rest is ignored. */
export class UpdateServiceRequestDto {
  @IsOptional()
  @ValidateNested()
  @Type(() => NoteDto)
  NewNote?: NoteDto;

  @IsOptional()
  @EnumMember(STATUS_MEMBERS)
  @IsIn(PATCHABLE_STATUSES)
  Status?: (typeof PATCHABLE_STATUSES)[number];
}
