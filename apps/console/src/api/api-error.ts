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
