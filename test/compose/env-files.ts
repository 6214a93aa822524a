// The two shapes of env file the compose stack has: a `.env` (NAME=value lines) and .env.example, whose every
// variable is a commented `# NAME=value` line.

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

/** A `.env` file as compose reads it: `NAME=value` lines, `#` comments, values optionally quoted. */
export function parseEnvFile(text: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const line of text.split('\n').map((each) => each.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    const match = ASSIGNMENT.exec(line);
    if (!match) throw new Error(`not a NAME=value line: ${line}`);
    variables[match[1]] = unquoted(match[2]);
  }
  return variables;
}

/** The `# NAME=value` lines of an example file, in order, as the `.env` they become once uncommented. */
export function commentedAssignments(text: string): Array<[name: string, value: string]> {
  return text
    .split('\n')
    .map((line) => /^#\s?([A-Z][A-Z0-9_]*=.*)$/.exec(line.trim())?.[1])
    .filter((line): line is string => line !== undefined)
    .map((line) => Object.entries(parseEnvFile(line))[0]);
}

function unquoted(value: string): string {
  const quoted = /^(['"])(.*)\1$/.exec(value);
  return quoted ? quoted[2] : value;
}
