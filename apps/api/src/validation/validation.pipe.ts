import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { isDto } from './dto-shape';
import { inspectInput, isPlainObject } from './inspect-input';
import { fieldProblems, invalidRequest } from './validation-exception.factory';

/**
 * Bodies and queries become DTO instances, or a 400 naming every problem by its field: undeclared keys at any
 * level whatever their name, control characters, and everything the DTO's class-validator rules refuse.
 * Other parameters (ids, headers) pass through to their own pipes.
 */
export class StrictValidationPipe implements PipeTransform {
  async transform(value: unknown, { metatype, type }: ArgumentMetadata): Promise<unknown> {
    if (!isDto(metatype)) return value;
    const input = value ?? {}; // a request without a body
    if (!isPlainObject(input)) throw invalidRequest([{ field: type, problems: [`${type} must be a JSON object`] }]);
    const { problems, declared } = inspectInput(input, metatype);
    const instance = plainToInstance(metatype, declared);
    const named = new Set(problems.map((p) => p.field));
    const invalid = fieldProblems(await validate(instance)).filter((p) => !named.has(p.field));
    const refused = [...problems, ...invalid];
    if (refused.length > 0) throw invalidRequest(refused);
    return instance;
  }
}

export function createValidationPipe(): StrictValidationPipe {
  return new StrictValidationPipe();
}
