// Compose's variable interpolation (compose-spec, "Interpolation"), for the static checks of docker-compose.yml.

export type Variables = Readonly<Record<string, string | undefined>>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * `text` with `$$`, `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:+other}`, `${NAME+other}`,
 * `${NAME:?error}` and `${NAME?error}` replaced as compose replaces them from `variables` (defaults may nest). A variable
 * used bare while unset is reported to `unset`: compose warns and puts an empty string.
 */
export function interpolate(text: string, variables: Variables, unset: (name: string) => void = () => undefined): string {
  let out = '';
  for (let at = 0; at < text.length; ) {
    if (text[at] !== '$') {
      out += text[at++];
    } else if (text[at + 1] === '$') {
      out += '$';
      at += 2;
    } else if (text[at + 1] === '{') {
      const end = closingBrace(text, at + 2);
      out += substitute(text.slice(at + 2, end), variables, unset);
      at = end + 1;
    } else {
      const name = NAME.exec(text.slice(at + 1))?.[0];
      out += name ? bare(name, variables, unset) : '$';
      at += 1 + (name?.length ?? 0);
    }
  }
  return out;
}

/** The names of the variables `text` refers to, defaults included. */
export function variablesIn(text: string): string[] {
  return [...text.replaceAll('$$', '').matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]);
}

function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let at = from; at < text.length; at++) {
    if (text[at] === '$' && text[at + 1] === '{') {
      depth++;
      at++;
    } else if (text[at] === '}' && --depth === 0) {
      return at;
    }
  }
  throw new Error(`unclosed \${ in ${JSON.stringify(text)}`);
}

function bare(name: string, variables: Variables, unset: (name: string) => void): string {
  if (variables[name] === undefined) unset(name);
  return variables[name] ?? '';
}

function substitute(expression: string, variables: Variables, unset: (name: string) => void): string {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])([\s\S]*))?$/.exec(expression);
  if (!match) throw new Error(`invalid interpolation \${${expression}}`);
  const [, name, operator, argument = ''] = match;
  const value = variables[name];
  const set = value !== undefined;
  const filled = set && value !== '';
  const nested = () => interpolate(argument, variables, unset);
  switch (operator) {
    case undefined:
      return bare(name, variables, unset);
    case ':-':
      return filled ? value : nested();
    case '-':
      return set ? value : nested();
    case ':+':
      return filled ? nested() : '';
    case '+':
      return set ? nested() : '';
    default: {
      if (operator === ':?' ? filled : set) return value as string;
      throw new Error(`${name}: ${nested() || 'required'}`);
    }
  }
}
