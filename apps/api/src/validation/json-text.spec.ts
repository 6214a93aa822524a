import { jsonDepth } from './json-text';

const depth = (text: string, limit = 10) => jsonDepth(Buffer.from(text), limit);

describe('jsonDepth', () => {
  it('counts nested objects and arrays, not brackets inside strings', () => {
    expect(depth('{}')).toBe(1);
    expect(depth('{"a":[{"b":[]}],"c":{}}')).toBe(4);
    expect(depth('{"a":"[[[{{{","b":"\\"[[[\\\\"}')).toBe(1);
    expect(depth('"no structure"')).toBe(0);
  });

  it('stops as soon as the limit is passed, however deep the text goes', () => {
    expect(depth('['.repeat(1_000_000) + ']'.repeat(1_000_000), 10)).toBe(11);
  });
});
