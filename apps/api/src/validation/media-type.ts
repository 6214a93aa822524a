import type { FieldProblem } from './validation-exception.factory';

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const PARAMETER = new RegExp(`^[ \\t]*(${TOKEN})=(${TOKEN}|"(?:[^"\\\\]|\\\\.)*")[ \\t]*$`);

const contentType = (problem: string): FieldProblem => ({ field: 'Content-Type', problems: [problem] });

export const UNSUPPORTED_ENCODING: FieldProblem = {
  field: 'Content-Encoding',
  problems: ['Content-Encoding is not supported: send the body uncompressed'],
};

/** Why a request body sent with these headers is refused; undefined for uncompressed JSON in UTF-8. */
export function unsupportedBody(type: string | undefined, encoding: string | undefined): FieldProblem | undefined {
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') return UNSUPPORTED_ENCODING;
  if (type === undefined) return contentType('a request body must be JSON: send Content-Type: application/json');
  const [mediaType, ...parameters] = type.split(';');
  if (mediaType.trim().toLowerCase() !== 'application/json') {
    return contentType('Content-Type must be application/json: the API reads JSON only');
  }
  for (const parameter of parameters) {
    const match = PARAMETER.exec(parameter);
    if (!match) return contentType('Content-Type has a malformed parameter');
    const [, name, value] = match;
    if (name.toLowerCase() === 'charset' && value.replace(/^"|"$/g, '').toLowerCase() !== 'utf-8') {
      return contentType('the charset must be utf-8 (or left out): JSON is read as UTF-8 only');
    }
  }
  return undefined;
}
