/** Any control character (C0, DEL, C1): none belongs in a name, an id, a URL or an e-mail. */
const CONTROL = /\p{Cc}/u;
/** Free text spanning lines keeps tabs and line breaks; NUL and the other controls are refused (PostgreSQL refuses NUL). */
const CONTROL_BUT_LINE_BREAKS = /(?![\t\n\r])\p{Cc}/u;
/** A surrogate half without its other half: not encodable as UTF-8, so not storable or sendable as it is. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const multiLineFields = new WeakMap<object, Set<string>>();

/** Marks a free-text field that may span lines (description, note, resolution, reason): tabs, CR and LF allowed. */
export function MultiLine(): PropertyDecorator {
  return (prototype, property) => {
    const fields = multiLineFields.get(prototype.constructor) ?? new Set<string>();
    multiLineFields.set(prototype.constructor, fields.add(String(property)));
  };
}

/** What is wrong with a string sent as `field` of `dto`, whatever the field's own rules. */
export function textProblems(dto: object, property: string, field: string, text: string): string[] {
  const multiLine = multiLineFields.get(dto)?.has(property) ?? false;
  const problems: string[] = [];
  if ((multiLine ? CONTROL_BUT_LINE_BREAKS : CONTROL).test(text)) {
    problems.push(`${field} must not contain control characters${multiLine ? ' other than tabs and line breaks' : ''}`);
  }
  if (LONE_SURROGATE.test(text)) problems.push(`${field} must be well-formed Unicode (no lone surrogate)`);
  return problems;
}
