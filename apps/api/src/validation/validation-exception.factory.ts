import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException, type ValidationError } from '@nestjs/common';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Flattens class-validator's tree so that every invalid field is named with its full path. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

/** One entry per field, in the order the fields first appear, each problem once. */
export function mergeProblems(problems: FieldProblem[]): FieldProblem[] {
  const byField = new Map<string, Set<string>>();
  for (const { field, problems: own } of problems) {
    byField.set(field, new Set([...(byField.get(field) ?? []), ...own]));
  }
  return [...byField].map(([field, merged]) => ({ field, problems: [...merged] }));
}

/** The API's 4xx body: every problem named by its field (a body-level problem by `body`, a header by its name). */
function refusal(statusCode: number, error: string, problems: FieldProblem[]) {
  return { statusCode, error, message: `Invalid request: ${problems.map((p) => p.field).join(', ')}`, errors: problems };
}

/** The API's 400; also for checks made outside the validation pipe. */
export function invalidRequest(problems: FieldProblem[]): BadRequestException {
  return new BadRequestException(refusal(400, 'Bad Request', problems));
}

export function unsupportedMediaType(problems: FieldProblem[]): UnsupportedMediaTypeException {
  return new UnsupportedMediaTypeException(refusal(415, 'Unsupported Media Type', problems));
}

export function payloadTooLarge(problems: FieldProblem[]): PayloadTooLargeException {
  return new PayloadTooLargeException(refusal(413, 'Payload Too Large', problems));
}
