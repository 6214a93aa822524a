import { apiErrorFrom } from './api-error';

describe('apiErrorFrom', () => {
  it("keeps a validation failure's problems per field", () => {
    const error = apiErrorFrom(400, {
      statusCode: 400,
      message: 'Invalid request: reason, changedBy',
      errors: [
        { field: 'reason', problems: ['reason must not be blank'] },
        { field: 'changedBy', problems: ['changedBy must be a string', 'changedBy must not be blank'] },
      ],
    });
    expect(error.status).toBe(400);
    expect(error.fieldErrors).toEqual({
      reason: ['reason must not be blank'],
      changedBy: ['changedBy must be a string', 'changedBy must not be blank'],
    });
  });

  it('keeps the message of a conflict, and says something for a body without one', () => {
    expect(apiErrorFrom(409, { message: 'Cannot close ticket T-1: it is closed' }).message).toBe('Cannot close ticket T-1: it is closed');
    expect(apiErrorFrom(502, undefined)).toMatchObject({ message: 'The server answered 502', fieldErrors: {} });
  });
});
