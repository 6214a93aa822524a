import { apiErrorFrom, formRefusal } from './api-error';

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

describe('formRefusal', () => {
  const refused = (...fields: string[]) =>
    apiErrorFrom(400, { message: 'Invalid request', errors: fields.map((field) => ({ field, problems: [`${field} is wrong`] })) });

  it("puts a 400's problems beside the form's fields, with no error for the form itself", () => {
    expect(formRefusal(refused('customer.domain', 'title'), ['title', 'customer.domain'])).toEqual({
      fieldErrors: { 'customer.domain': ['customer.domain is wrong'], title: ['title is wrong'] },
    });
  });

  it("makes the message the form's own error when a field named is not on the form, or for any other failure", () => {
    expect(formRefusal(refused('title', 'surprise'), ['title'])).toEqual({
      fieldErrors: { title: ['title is wrong'], surprise: ['surprise is wrong'] },
      formError: 'Invalid request',
    });
    expect(formRefusal(apiErrorFrom(409, { message: 'It is closed' }), ['title'])).toEqual({ fieldErrors: {}, formError: 'It is closed' });
    expect(formRefusal(new TypeError('Failed to fetch'), ['title'])).toEqual({ fieldErrors: {}, formError: 'Failed to fetch' });
  });
});
