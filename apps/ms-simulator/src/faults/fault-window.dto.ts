import { ArrayNotEmpty, IsArray, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { OPERATIONS, type Operation } from './operations';

export const FAULT_KINDS = ['429', '500', '401'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The body of `POST /simulator/faults`. */
export class FaultWindowDto {
  @IsIn(FAULT_KINDS)
  kind!: FaultKind;

  @IsInt()
  @Min(1)
  @Max(24 * 3600 * 1000)
  durationMs!: number;

  /** 429 only: the Retry-After to send; unset, the time left in the window. */
  @IsOptional()
  @IsInt()
  @Min(0)
  retryAfterSeconds?: number;

  /** Unset: every Partner Center operation, and the token endpoint for a 401 (a credential outage). */
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(OPERATIONS, { each: true })
  operations?: Operation[];
}
