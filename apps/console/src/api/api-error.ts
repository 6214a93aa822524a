/** A refused request: the status, the API's message and, for a 400, the problems of each field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: Readonly<Record<string, string[]>> = {},
  ) {
    super(message);
  }
}

interface ErrorBody {
  message?: unknown;
  errors?: Array<{ field: string; problems: string[] }>;
}

/** Reads Nest's error body: `{ message }`, plus `errors: [{ field, problems }]` for validation failures. */
export function apiErrorFrom(status: number, body: unknown): ApiError {
  const { message, errors = [] } = (body ?? {}) as ErrorBody;
  const text = typeof message === 'string' ? message : `The server answered ${status}`;
  const fieldErrors: Record<string, string[]> = {};
  for (const { field, problems } of errors) fieldErrors[field] = [...(fieldErrors[field] ?? []), ...problems];
  return new ApiError(status, text, fieldErrors);
}

/** What to tell the coordinator about a failure. */
export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** A refusal as a form shows it: problems beside their fields, and what no field of the form owns as the form's own error. */
export interface FormRefusal {
  fieldErrors: Readonly<Record<string, string[]>>;
  /** A conflict, a failure, or a problem of a field the form does not show. */
  formError?: string;
}

export const NO_REFUSAL: FormRefusal = { fieldErrors: {} };

/** Splits a failure between the form's `fields` (the API's 400 names each problem's field) and the form as a whole. */
export function formRefusal(err: unknown, fields: readonly string[]): FormRefusal {
  const fieldErrors = err instanceof ApiError ? err.fieldErrors : {};
  const named = Object.keys(fieldErrors);
  const ownedByFields = named.length > 0 && named.every((field) => fields.includes(field));
  return ownedByFields ? { fieldErrors } : { fieldErrors, formError: errorMessage(err) };
}
