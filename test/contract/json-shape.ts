/** Every path in a JSON value with its JSON type; array items share the path `[]`: `items[].id` → `number`. */
export function jsonShape(value: unknown, path = '', shape = new Map<string, string>()): Map<string, string> {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  if (path) shape.set(path, type);
  if (Array.isArray(value)) for (const item of value) jsonShape(item, `${path}[]`, shape);
  else if (type === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) jsonShape(child, path ? `${path}.${key}` : key, shape);
  }
  return shape;
}

export interface ShapeDifferences {
  /** Paths both have, with different JSON types: `items[].id: documented number, answered string`. */
  typeMismatches: string[];
  /** Documented paths the answer lacks (the outermost only). */
  notAnswered: string[];
}

/** How an answer differs in shape from Microsoft's documented example; properties only the answer has are not counted. */
export function shapeDifferences(documented: unknown, answered: unknown): ShapeDifferences {
  const expected = jsonShape(documented);
  const actual = jsonShape(answered);
  const missing = [...expected.keys()].filter((path) => !actual.has(path));
  const parentMissing = (path: string) => missing.some((other) => other !== path && (path.startsWith(`${other}.`) || path.startsWith(`${other}[]`)));
  return {
    typeMismatches: [...expected]
      .filter(([path, type]) => actual.has(path) && actual.get(path) !== type)
      .map(([path, type]) => `${path}: documented ${type}, answered ${actual.get(path)}`),
    notAnswered: missing.filter((path) => !parentMissing(path)),
  };
}
