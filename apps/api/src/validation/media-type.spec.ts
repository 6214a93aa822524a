import { unsupportedBody } from './media-type';

describe('unsupportedBody', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON; Charset="UTF-8"', 'application/json;charset=utf-8; v=1'])(
    'accepts %s',
    (type) => expect(unsupportedBody(type, undefined)).toBeUndefined(),
  );

  it.each([
    [undefined, 'Content-Type'],
    ['text/plain', 'Content-Type'],
    ['application/x-www-form-urlencoded', 'Content-Type'],
    ['application/json; charset=latin1', 'Content-Type'],
    ['application/json; charset=utf-16', 'Content-Type'],
    ['application/json;', 'Content-Type'],
    ['application/json; charset', 'Content-Type'],
  ])('refuses %s, naming %s', (type, field) => expect(unsupportedBody(type, undefined)?.field).toBe(field));

  it('refuses any Content-Encoding but identity', () => {
    expect(unsupportedBody('application/json', 'x-foo')?.field).toBe('Content-Encoding');
    expect(unsupportedBody('application/json', 'gzip')?.field).toBe('Content-Encoding');
    expect(unsupportedBody('application/json', 'identity')).toBeUndefined();
  });
});
