import * as fc from 'fast-check';
import { BUILT_IN_NAMES, REFUSED_CONTROLS, refused, type BadPart } from './bad-request';

export interface QueryParameter {
  /** Values that pass (none: left out of the valid base query). */
  valid: string[];
  /** Values this parameter refuses, beyond the generic ones (huge, control characters, malformed escapes). */
  bad: string[];
  /** Repeating it is valid (`?status=a&status=b`). */
  list?: boolean;
}

const encode = encodeURIComponent;
const MALFORMED_ESCAPES = ['%ZZ', '%FF', '%C0%AF', '%ED%A0%80', '%E0%A4%A', '%', '%G1'];
const SINGLE_LINE_CONTROLS = [...REFUSED_CONTROLS, '\t', '\n', '\r'];

function withControl(text: string): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat({ max: text.length }), fc.constantFrom(...SINGLE_LINE_CONTROLS))
    .map(([at, c]) => text.slice(0, at) + c + text.slice(at));
}

/** A query string: a valid base (some parameters, valid values) with one parameter made bad, or one unknown added. */
export function queryMutation(spec: Record<string, QueryParameter>): fc.Arbitrary<BadPart<string>> {
  const names = Object.keys(spec);
  const base = fc
    .subarray(names.filter((name) => spec[name].valid.length > 0))
    .chain((chosen) => fc.tuple(...chosen.map((name) => fc.constantFrom(...spec[name].valid).map((value) => `${name}=${encode(value)}`))));
  const badParameter = fc.constantFrom(...names).chain((name) => {
    const { valid, bad, list } = spec[name];
    const sample = valid[0] ?? 'x';
    const values = fc.oneof(
      ...(bad.length > 0 ? [fc.constantFrom(...bad)] : []),
      fc.integer({ min: 600, max: 5_000 }).map((n) => 'x'.repeat(n)),
      withControl(sample),
    );
    const pairs = fc.oneof(
      values.map((value) => ({ what: `${name}=${JSON.stringify(value.slice(0, 40))}`, pair: `${name}=${encode(value)}` })),
      fc.constantFrom(...MALFORMED_ESCAPES).map((escape) => ({ what: `${name} with ${escape}`, pair: `${name}=${encode(sample)}${escape}` })),
      ...(list ? [] : [fc.constant({ what: `${name} twice`, pair: `${name}=${encode(sample)}&${name}=${encode(sample)}` })]),
    );
    return pairs.map(({ what, pair }) => ({ name, what, pair, field: name }));
  });
  const unknown = fc
    .tuple(fc.oneof(fc.constantFrom(...BUILT_IN_NAMES), fc.stringMatching(/^[a-z][\w.[\]-]{0,15}$/)), fc.string({ maxLength: 10 }))
    .filter(([name]) => !names.includes(name))
    .map(([name, value]) => ({ name, what: `unknown ${name}`, pair: `${encode(name)}=${encode(value)}`, field: name }));
  const malformedName = fc
    .constantFrom(...MALFORMED_ESCAPES)
    .map((escape) => ({ name: '', what: `a name with ${escape}`, pair: `a${escape}=1`, field: 'query' }));
  return fc.tuple(base, fc.oneof(badParameter, unknown, malformedName)).map(([pairs, { name, what, pair, field }]) => ({
    what,
    part: [...pairs.filter((p) => !p.startsWith(`${name}=`)), pair].join('&'),
    expect: refused(400, field),
  }));
}

export type IdKind = 'ticket' | 'delivery' | 'subscription' | 'api-key';

const ID_CHARS = /^[A-Za-z0-9._:-]*$/;
const MAX_LENGTH: Record<IdKind, number> = { ticket: 100, delivery: 300, subscription: 36, 'api-key': 36 };

/** A path segment that is no valid id of its kind: a 400 naming `id` (`path` for a malformed escape). */
export function badId(kind: IdKind): fc.Arbitrary<BadPart<string>> {
  const asId = (what: string, segment: string) => ({ what, part: segment, expect: refused(400, 'id') });
  const tooLong = fc.integer({ min: MAX_LENGTH[kind] + 1, max: 5_000 }).map((n) => asId(`${n} characters`, 'a'.repeat(n)));
  const illegal = fc
    .string({ unit: 'binary', minLength: 1, maxLength: 4 })
    .filter((text) => !ID_CHARS.test(text))
    .map((text) => asId(`with ${JSON.stringify(text)}`, encode(`T${text}1`)));
  const badStart = fc.constantFrom('-x', '.x', '_x', ':x', '..', '.').map((id) => asId(`starting ${id}`, id));
  const encoded = fc
    .constantFrom('T%252F1', 'T%2F1', 'T%001', '%2E%2E', '%2Ex', 'T%3F1', 'T%231', 'T%201', 'T%0A1', 'T%C2%A01', 'T%E2%80%AE1')
    .map((segment) => asId(segment, segment));
  const malformed = fc
    .constantFrom(...MALFORMED_ESCAPES)
    .map((escape) => ({ what: `with ${escape}`, part: `T${escape}1`, expect: refused(400, 'path', 'id') }));
  const notUuid = fc.constantFrom('INC-1', '00000000-0000-0000-0000-00000000000g', '00000000000000000000000000000000').map((id) => asId(id, id));
  const isUuid = kind === 'subscription' || kind === 'api-key';
  return fc.oneof(tooLong, illegal, badStart, encoded, malformed, ...(isUuid ? [notUuid] : []));
}

/** Header values Node can send (tab, printable ASCII, Latin-1) that `valid` refuses once trimmed, empty excepted. */
export function badHeaderValue(valid: (value: string) => boolean, examples: string[]): fc.Arbitrary<string> {
  const code = fc.oneof(fc.constantFrom(0x09, 0x20), fc.integer({ min: 0x21, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }));
  const headerChar = code.map((c) => String.fromCharCode(c));
  const values = fc.oneof(
    fc.constantFrom(...examples),
    fc.string({ unit: headerChar, minLength: 1, maxLength: 40 }),
    fc.integer({ min: 101, max: 4_000 }).map((n) => '9'.repeat(n)),
  );
  return values.filter((value) => value.trim() !== '' && !valid(value.trim()));
}
