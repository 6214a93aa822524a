import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  isISO8601,
  IsObject,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';

/** Validated unless absent: unlike `@IsOptional()`, a JSON `null` is a value, and refused by the field's rules. */
export function OptionalField(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/** A nested DTO that must be a JSON object (add `@IsDefined()` when required); see inspectInput for arrays. */
export function NestedObject(type: () => new () => object): PropertyDecorator {
  return applyDecorators(
    IsObject({ message: ({ property }: ValidationArguments) => `${property} must be a JSON object` }),
    ValidateNested(),
    Type(type),
  );
}

const DIGITS = /^-?\d{1,16}$/;

function wholeNumberProblem(value: unknown, min: number, max: number): string | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return 'must be a whole number';
  if (value < min) return min === 0 ? 'must not be negative' : `must be at least ${min}`;
  if (value > max) return `must be at most ${max}`;
  return undefined;
}

/** A query integer written as plain digits (no `1e3`, `0x10` or `1.0`), from min to max (at most MAX_SAFE_INTEGER). */
export function WholeNumber(min: number, max = Number.MAX_SAFE_INTEGER): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' && DIGITS.test(value) ? Number(value) : value)),
    ValidateBy({
      name: 'wholeNumber',
      validator: {
        validate: (value: unknown) => wholeNumberProblem(value, min, max) === undefined,
        defaultMessage: ({ property, value }: ValidationArguments) => `${property} ${wholeNumberProblem(value, min, max)}`,
      },
    }),
  );
}

/** RFC 3339's profile of ISO 8601, which `Date` reads faithfully (it misreads ordinal dates: 2026-002 as February 1st). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A calendar date, optionally with a time and zone, that exists (no February 30th). */
function isIsoDateTime(value: unknown): boolean {
  return typeof value === 'string' && DATE_TIME.test(value) && isISO8601(value, { strict: true }) && Number.isFinite(Date.parse(value));
}

export function IsoDateTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isoDateTime',
      validator: {
        validate: isIsoDateTime,
        defaultMessage: ({ property }: ValidationArguments) => `${property} must be an ISO-8601 date-time`,
      },
    },
    options,
  );
}
