import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { invalidInput } from './partner-center.exception';

/** `PrimaryContact.Email: Email must be an email`, one entry per invalid property, nested ones with their path. */
function problems(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [`${path}: ${Object.values(error.constraints).join(', ')}`] : [];
    return [...own, ...problems(error.children ?? [], path)];
  });
}

const common = {
  transform: true,
  stopAtFirstError: false,
  exceptionFactory: (errors: ValidationError[]) => invalidInput(`Invalid request: ${problems(errors).join('; ')}`),
};

/**
 * Property names as Partner Center binds them: its JSON.NET models match names regardless of case, so the camelCase
 * of the REST reference and the PascalCase of the older pages are the same property (an exact match wins).
 */
function pascalCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pascalCaseKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const exact = new Set(entries.map(([key]) => key));
  const renamed = entries
    .map(([key, v]): [string, unknown] => [key.charAt(0).toUpperCase() + key.slice(1), pascalCaseKeys(v)])
    .filter(([key], i) => key === entries[i][0] || !exact.has(key));
  return Object.fromEntries(renamed);
}

/** Partner Center's bodies: read-only and unknown properties are ignored, as Microsoft ignores them. */
class PartnerCenterBodyPipe extends ValidationPipe {
  constructor() {
    super({ ...common, whitelist: true, forbidNonWhitelisted: false });
  }

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return super.transform(metadata.type === 'body' ? pascalCaseKeys(value) : value, metadata);
  }
}

export const partnerCenterBodies = new PartnerCenterBodyPipe();

/** The simulator's own testing endpoints: exact shapes, an unknown property is an error. */
export const strictBodies = new ValidationPipe({ ...common, whitelist: true, forbidNonWhitelisted: true });
