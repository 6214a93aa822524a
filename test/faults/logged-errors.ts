import fs from 'node:fs';
import path from 'node:path';

// Errors, and the worker's warnings of a workflow task it failed (which Temporal retries until the code is fixed).
const ERROR_LINE = /^\[[^\]]+\] (ERROR|FATAL|WARN .*(Failing workflow task|[Nn]ondetermin))/;
/** A logged error's own line and the indented lines under it (its stack, its cause). */
const LINES_PER_ERROR = 25;
/** The access log's line of a 503: the outages a fault run causes on purpose. */
const OUTAGE_ANSWER = / 503 \{/;
const ERRORS_PER_LOG = 3;

/**
 * The first errors each process logged, to show on a failed run why a request answered 500 or a workflow task failed:
 * CI keeps the output, not the run's temporary folder.
 */
export function loggedErrors(logsDir: string): string[] {
  if (!fs.existsSync(logsDir)) return [];
  return fs
    .readdirSync(logsDir)
    .sort()
    .flatMap((file) => {
      const errors = errorsIn(fs.readFileSync(path.join(logsDir, file), 'utf8').split('\n'));
      return errors.length === 0 ? [] : [`errors logged by ${file} (first ${errors.length}):\n${errors.join('\n')}`];
    });
}

function errorsIn(lines: string[]): string[] {
  const errors: string[] = [];
  for (let i = 0; i < lines.length && errors.length < ERRORS_PER_LOG; i++) {
    if (!ERROR_LINE.test(lines[i]) || OUTAGE_ANSWER.test(lines[i])) continue;
    let end = i + 1;
    while (end < lines.length && end - i < LINES_PER_ERROR && /^\s/.test(lines[end])) end++;
    errors.push(lines.slice(i, end).join('\n'));
    i = end - 1;
  }
  return errors;
}
