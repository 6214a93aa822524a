import { IdempotencyKeys } from './idempotency-keys';

describe('IdempotencyKeys', () => {
  it('gives the same key for the same body, however often it is sent', () => {
    const keys = new IdempotencyKeys();
    const key = keys.keyFor('{"title":"VMs down"}');
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/); // a ticket id the API takes
    expect(keys.keyFor('{"title":"VMs down"}')).toBe(key);
  });

  it('gives a new key once the body changed, and never goes back to an earlier one', () => {
    let made = 0;
    const keys = new IdempotencyKeys(() => `key-${++made}`);
    expect(['{"a":1}', '{"a":1}', '{"a":2}', '{"a":1}'].map((body) => keys.keyFor(body))).toEqual(['key-1', 'key-1', 'key-2', 'key-3']);
  });
});
