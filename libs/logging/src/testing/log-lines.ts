/** A JSON log line as LOG_FORMAT=json writes it. */
export type LogLine = Record<string, unknown> & { level: string; time: string; name: string; msg?: string };

/** Each line of `text` as JSON: a line that is not fails, showing it. */
export function parseLogLines(text: string): LogLine[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        throw new Error(`a log line is not JSON: ${line}`);
      }
    });
}

export interface CapturedStdout {
  /** Everything written so far. */
  text(): string;
  /** The lines written so far, each parsed as JSON (parseLogLines). */
  lines(): LogLine[];
  restore(): void;
}

/** What this process writes to stdout from now on (its loggers' lines), kept instead of shown, until `restore()`. */
export function captureStdout(): CapturedStdout {
  const chunks: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => chunks.push(chunk.toString()) > 0) as typeof process.stdout.write;
  return {
    text: () => chunks.join(''),
    lines: () => parseLogLines(chunks.join('')),
    restore: () => {
      process.stdout.write = write;
    },
  };
}
