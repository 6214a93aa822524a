import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { invalidInput } from './partner-center.exception';

/** `PrimaryContact.Email: Email must be an email`, one entry per invalid property, nested ones with their path. */
function problems(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [`${path}: ${Object.values(error.constraints).join(', ')}`] : [];
    return [...own, ...problems(error.children ?? [], path)];
  });
}

/** Bodies are PascalCase DTOs; an unknown property (a camelCase one, say) is an error, and a 400 names every bad one. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => invalidInput(`Invalid request: ${problems(errors).join('; ')}`),
  });
}
