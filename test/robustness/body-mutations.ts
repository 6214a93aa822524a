import * as fc from 'fast-check';
import { BUILT_IN_NAMES, REFUSED_CONTROLS, refused, type BadPart, type BodyPart, type Refusal } from './bad-request';

export type Json = fc.JsonValue;
type Path = Array<string | number>;
type Mutation = BadPart<BodyPart>;

/** A fixture (an interface, not indexable) as the JSON it is sent as. */
export const toJson = (value: object): Json => JSON.parse(JSON.stringify(value));

const JSON_TYPE = { 'content-type': 'application/json' };
const PLACEHOLDER = '\u0001placeholder\u0001';
const anyJson = fc.jsonValue({ maxDepth: 2 });
const scalar = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));

/** The field a 400 names for a path: an array's items are named by the array. */
function fieldOf(path: Path): string {
  const item = path.findIndex((p) => typeof p === 'number');
  return (item < 0 ? path : path.slice(0, item)).join('.');
}

function nodes(value: Json, path: Path = []): Array<{ path: Path; value: Json }> {
  const own = path.length > 0 ? [{ path, value }] : [];
  if (Array.isArray(value)) return [...own, ...value.flatMap((item, i) => nodes(item, [...path, i]))];
  if (value === null || typeof value !== 'object') return own;
  return [...own, ...Object.entries(value).flatMap(([key, item]) => nodes(item ?? null, [...path, key]))];
}

const at = (body: Json, path: Path): Json => path.reduce<Json>((node, key) => (node as Record<string, Json>)[key], body);

/** A copy of `body` with `path` set to `value` (defined as an own property, so `__proto__` stays a key) or removed. */
function withValue(body: Json, path: Path, value?: Json): Json {
  const copy = JSON.parse(JSON.stringify(body)) as Json;
  const parent = at(copy, path.slice(0, -1)) as Record<string, Json>;
  const key = path[path.length - 1];
  if (value === undefined) delete parent[key];
  else Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

const asJson = (body: Json) => Buffer.from(JSON.stringify(body));

/** The JSON text of `body` with the value at `path` replaced by raw bytes. */
function spliced(body: Json, path: Path, raw: Buffer): Buffer {
  const [before, after] = JSON.stringify(withValue(body, path, PLACEHOLDER)).split(JSON.stringify(PLACEHOLDER));
  return Buffer.concat([Buffer.from(before), raw, Buffer.from(after)]);
}

/** Longer than any text field allows (10,000 for a description, unless told). */
const hugeString = (longest = 10_000) =>
  fc.tuple(fc.integer({ min: longest + 1, max: 2 * longest }), fc.constantFrom('a', '9', 'é', '😀')).map(([n, c]) => c.repeat(n));

function controlled(text: string): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat({ max: text.length }), fc.constantFrom(...REFUSED_CONTROLS, '\ud800', '\udfff'))
    .map(([i, c]) => text.slice(0, i) + c + text.slice(i));
}

function wrongType(value: Json): fc.Arbitrary<Json> {
  const arrays = fc.array(anyJson, { maxLength: 3 });
  const objects = fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 3 });
  if (typeof value === 'string') return fc.oneof(scalar, arrays, objects);
  if (typeof value === 'boolean') return fc.oneof(fc.string(), fc.integer(), fc.constant(null), arrays, objects);
  if (Array.isArray(value)) {
    const badItem = fc.oneof(scalar, objects, fc.constant(''), hugeString(), controlled('x'));
    return fc.oneof(fc.string(), scalar, objects, badItem.map((item): Json => [...value, item]));
  }
  // A nested object: anything but an object (an object would be judged field by field).
  return fc.oneof(fc.string(), scalar, fc.constant<Json>([]), fc.constant<Json>([value]), arrays);
}

const bodyPart = (body: Buffer, headers: Record<string, string> = JSON_TYPE): BodyPart => ({ body, headers });
const mutation = (what: string, body: Buffer, expect: Refusal): Mutation => ({ what, part: bodyPart(body), expect });

/**
 * Field-level mutations of a valid body: each must be a 400 naming the field (or `body` for what the parser refuses).
 * `longestText`: the most characters any of its text fields holds.
 */
export function fieldMutation(valid: Json, optional: ReadonlySet<string>, longestText?: number): fc.Arbitrary<Mutation> {
  const all = nodes(valid);
  const isObject = (value: Json) => value !== null && typeof value === 'object' && !Array.isArray(value);
  const objects: Path[] = [[], ...all.filter((n) => isObject(n.value)).map((n) => n.path)];
  const required = all.filter((n) => !n.path.some((p) => typeof p === 'number') && !optional.has(n.path.join('.')));
  const strings = all.filter((n): n is { path: Path; value: string } => typeof n.value === 'string');
  const named = (path: Path) => refused(400, fieldOf(path));

  const typed = fc
    .constantFrom(...all)
    .chain(({ path, value }) =>
      wrongType(value).map((bad) => mutation(`${fieldOf(path)} as ${JSON.stringify(bad).slice(0, 60)}`, asJson(withValue(valid, path, bad)), named(path))),
    );
  const badText = fc.constantFrom(...strings).chain(({ path, value }) =>
    fc.oneof(hugeString(longestText), controlled(value)).map((bad) => {
      const what = `${fieldOf(path)} as a ${bad.length}-character string with ${JSON.stringify(bad.slice(0, 40))}`;
      return mutation(what, asJson(withValue(valid, path, bad)), named(path));
    }),
  );
  const missing = required.map(({ path }) => fc.constant(mutation(`without ${fieldOf(path)}`, asJson(withValue(valid, path)), named(path))));
  const unknownKey = fc
    .tuple(fc.constantFrom(...objects), fc.oneof(fc.constantFrom(...BUILT_IN_NAMES), fc.stringMatching(/^x[\w$-]{0,12}$/)), anyJson)
    .filter(([path, key]) => !Object.hasOwn(at(valid, path) as object, key))
    .map(([path, key, value]) => mutation(`unknown key ${[...path, key].join('.')}`, asJson(withValue(valid, [...path, key], value)), named([...path, key])));
  const depths = fc.oneof(fc.integer({ min: 11, max: 200 }), fc.integer({ min: 5_000, max: 20_000 }));
  const deep = fc.tuple(fc.constantFrom(...all), depths, fc.boolean()).map(([{ path }, depth, arrays]) => {
    const nested = arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    return mutation(`${fieldOf(path)} nested ${depth} deep`, spliced(valid, path, Buffer.from(nested)), refused(400, 'body'));
  });
  const notUtf8 = fc
    .tuple(fc.constantFrom(...strings), fc.constantFrom('ff', 'c0af', 'eda080', 'e282', 'f8888080'))
    .map(([{ path }, hex]) => {
      const text = Buffer.concat([Buffer.from('"a'), Buffer.from(hex, 'hex'), Buffer.from('"')]);
      return mutation(`${fieldOf(path)} with bytes ${hex}, not UTF-8`, spliced(valid, path, text), refused(400, 'body'));
    });
  return fc.oneof(typed, badText, unknownKey, deep, notUtf8, ...(missing.length > 0 ? [fc.oneof(...missing)] : []));
}

const FORM = 'application/x-www-form-urlencoded';
const MEDIA_TYPES = [
  FORM,
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json-patch+json',
  'application/jsonx',
  'text/json',
  '*/*',
  'json',
  'application/json;',
  'application/json; charset',
];
const CHARSETS = ['latin1', 'iso-8859-1', 'utf-16', 'utf-16le', '"utf-16"', 'us-ascii', 'utf-7', 'utf-32', 'windows-1252', 'x-foo', 'utf8'];
const ENCODINGS = ['x-foo', 'gzip', 'deflate', 'br', 'zstd', 'compress', 'gzip, identity'];

function asForm(valid: Json): Buffer {
  const flat = Object.entries(valid as Record<string, Json>).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
  return Buffer.from(new URLSearchParams(flat).toString());
}

/**
 * Mutations of how a valid body is sent: media type, charset, encoding, syntax, size. They must be refused
 * before any handler runs, so they also apply to routes that read no body (`readsBody` false).
 */
export function transportMutation(valid: Json, readsBody: boolean): fc.Arbitrary<Mutation> {
  const text = JSON.stringify(valid);
  const json = Buffer.from(text);
  const sent = (what: string, body: Buffer, headers: Record<string, string>, expect: Refusal): Mutation => ({ what, part: bodyPart(body, headers), expect });
  const mediaType = fc
    .constantFrom(...MEDIA_TYPES)
    .map((type) => sent(`sent as ${type}`, type === FORM ? asForm(valid) : json, { 'content-type': type }, refused(415, 'Content-Type')));
  const untyped = fc.constant(sent('sent without a Content-Type', json, {}, refused(415, 'Content-Type')));
  const charset = fc
    .constantFrom(...CHARSETS)
    .map((name) => sent(`in charset ${name}`, json, { 'content-type': `application/json; charset=${name}` }, refused(415, 'Content-Type')));
  const encoding = fc
    .constantFrom(...ENCODINGS)
    .map((name) => sent(`encoded ${name}`, json, { ...JSON_TYPE, 'content-encoding': name }, refused(415, 'Content-Encoding')));
  const malformed = fc
    .oneof(
      fc.integer({ min: 1, max: text.length - 1 }).map((end) => text.slice(0, end)),
      fc.constantFrom('x', '}', ',', '{}', ']', '\u0000').map((tail) => text + tail),
      fc.constant(text.replace('"', "'")),
      fc.constant(text.replace(/}$/, ',}')),
      fc.constant(text.replace(':', ':NaN,"z":')),
      fc.constant(`/* c */${text}`),
      fc.constant(' '),
    )
    .map((bad) => mutation(`malformed JSON ${JSON.stringify(bad.slice(0, 60))}`, Buffer.from(bad), refused(400, 'body')));
  const notAnObject = fc
    .constantFrom('[]', '"text"', '1', 'null', 'true', '[{}]', `[${text}]`)
    .map((bad) => mutation(`JSON ${bad.slice(0, 40)} instead of an object`, Buffer.from(bad), refused(400, 'body')));
  const oversized = fc
    .integer({ min: 256 * 1024, max: 700 * 1024 })
    .map((padding) => mutation(`${padding} bytes of padding`, Buffer.from(`{${' '.repeat(padding)}${text.slice(1)}`), refused(413, 'body')));
  const deep = fc
    .integer({ min: 11, max: 30_000 })
    .map((depth) => mutation(`a body ${depth} deep`, Buffer.from('['.repeat(depth) + ']'.repeat(depth)), refused(400, 'body')));
  const mutations = [mediaType, untyped, charset, encoding, malformed, oversized, deep, ...(readsBody ? [notAnObject] : [])];
  return fc
    .tuple(fc.oneof(...mutations), fc.boolean())
    .map(([m, chunked]) => ({ ...m, what: `${m.what}${chunked ? ', chunked' : ''}`, part: { ...m.part, chunked } }));
}
