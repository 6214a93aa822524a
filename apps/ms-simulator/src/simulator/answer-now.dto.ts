import { IsBoolean, IsOptional } from 'class-validator';

export class AnswerNowDto {
  /** true: ask the partner for information (status attention_needed) instead of answering. */
  @IsOptional()
  @IsBoolean()
  attentionNeeded?: boolean;
}
