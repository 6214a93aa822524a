import { BadRequestException, type ValidationError } from '@nestjs/common';

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

/** The API's 400: every problem named by its field; also for checks made outside the validation pipe. */
export function invalidRequest(problems: FieldProblem[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `Invalid request: ${problems.map((p) => p.field).join(', ')}`,
    errors: problems,
  });
}

export function validationExceptionFactory(errors: ValidationError[]): BadRequestException {
  return invalidRequest(fieldProblems(errors));
}
