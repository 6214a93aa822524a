import { declaredProperties, nestedDto, type DtoClass } from './dto-shape';
import { textProblems } from './text';
import type { FieldProblem } from './validation-exception.factory';

export type PlainObject = Record<string, unknown>;

export interface Inspection {
  problems: FieldProblem[];
  /**
   * The input with only the keys its DTO declares, less the strings refused here: all class-transformer and
   * class-validator get to see. Their problems with a field refused here are not news.
   */
  declared: PlainObject;
}

export function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Checks raw input against its DTO at every level, on own keys only, so that no key escapes by its name
 * (`__proto__`, `constructor`, `toString`…): each undeclared key is a problem, and so is a string with
 * control characters or lone surrogates. Nested DTOs are entered only when they are objects; anything else in
 * their place (an array, a string…) is handed on as an empty array, so that class-validator says it must be an
 * object instead of validating an array's items as if each were the object.
 */
export function inspectInput(input: PlainObject, dto: DtoClass, parent = ''): Inspection {
  const problems: FieldProblem[] = [];
  const declared: PlainObject = {};
  const known = declaredProperties(dto);
  for (const key of Object.keys(input)) {
    const field = parent ? `${parent}.${key}` : key;
    if (!known.has(key)) {
      problems.push({ field, problems: [`property ${key} should not exist`] });
      continue;
    }
    const value = input[key];
    const nested = nestedDto(dto, key);
    if (nested && isPlainObject(value)) {
      const inner = inspectInput(value, nested, field);
      problems.push(...inner.problems);
      declared[key] = inner.declared;
      continue;
    }
    const texts = (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
    const textual = [...new Set(texts.flatMap((text) => textProblems(dto, key, field, text)))];
    if (textual.length > 0) {
      problems.push({ field, problems: textual });
      continue; // withheld: validator.js throws on lone surrogates (isEmail)
    }
    declared[key] = nested && value !== null && value !== undefined ? [] : value;
  }
  return { problems, declared };
}
