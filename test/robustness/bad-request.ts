/** What a refused request must answer: its 4xx, naming one of these fields in `errors[].field`. */
export interface Refusal {
  status: 400 | 413 | 415;
  fields: string[];
}

/** A generated bad input: the part of the request it replaces, what it did, and the refusal it must get. */
export interface BadPart<T> {
  what: string;
  part: T;
  expect: Refusal;
}

export interface BodyPart {
  body: Buffer;
  headers: Record<string, string>;
  chunked?: boolean;
}

export const refused = (status: Refusal['status'], ...fields: string[]): Refusal => ({ status, fields });

/** Names a JSON object may have that plain-object lookups find on Object.prototype (or that promise-like checks read). */
export const BUILT_IN_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'toLocaleString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'then',
  'length',
];

/** Control characters refused in every field, multi-line ones included (tab, CR and LF are allowed there). */
export const REFUSED_CONTROLS = [
  ...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)).filter((c) => !'\t\n\r'.includes(c)),
  '\u007f',
  '\u0080',
  '\u0085',
  '\u009f',
];
