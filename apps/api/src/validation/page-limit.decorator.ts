import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { OptionalField, WholeNumber } from './field.decorators';

export const DEFAULT_PAGE_LIMIT = 50;

/** The `limit` query parameter of a paged list: 1 to 200, 50 when absent. */
export function PageLimit(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ default: DEFAULT_PAGE_LIMIT, minimum: 1, maximum: 200 }),
    OptionalField(),
    WholeNumber(1, 200),
  );
}
