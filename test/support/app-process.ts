import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { parseLogLines, type LogLine } from '@escalade/logging/testing';
import { APP_ARGS } from '../../tools/start';

const ROOT = path.resolve(__dirname, '../..');

/** One of our apps as `npm start` runs it, in its own process, its stdout (its log) kept. */
export class AppProcess {
  private stdout = '';
  private stderr = '';
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;

  constructor(app: keyof typeof APP_ARGS, env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, [...APP_ARGS[app]], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
  }

  /** Its stdout so far, each line parsed as JSON (LOG_FORMAT=json): a line that is not fails. */
  lines(): LogLine[] {
    return parseLogLines(this.stdout.slice(0, this.stdout.lastIndexOf('\n') + 1));
  }

  text(): string {
    return this.stdout;
  }

  /** The first line `matches` finds, once written; fails after `timeoutMs`, or as soon as the process exits, with its output. */
  async waitForLine(matches: (line: LogLine) => boolean, timeoutMs = 60_000): Promise<LogLine> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines().find(matches);
      if (found) return found;
      if (this.child.exitCode !== null || Date.now() > until) {
        throw new Error(`no such line (${this.child.exitCode === null ? 'timed out' : `exited ${this.child.exitCode}`}):\n${this.stdout.slice(-3_000)}\n${this.stderr.slice(-3_000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** SIGTERM, then SIGKILL if it is still running after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
