import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';

export interface ProcessSpec {
  name: string;
  command: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** stdout and stderr of every run are appended here. */
  logFile: string;
}

const alive = new Set<ManagedProcess>();

// Children run in their own process groups (so a kill takes whatever they started): they would outlive this
// process on Ctrl-C or a failure unless killed here.
process.once('exit', () => alive.forEach((managed) => managed.killNow()));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => process.exit(128 + os.constants.signals[signal]));
}

/** A child process that can be crashed (`kill -9` of its process group) and started again, any number of times. */
export class ManagedProcess {
  private child?: ChildProcess;
  private exited = Promise.resolve();
  private killed = false;
  /** Called when the process exits without being killed through this object. */
  onUnplannedExit: (description: string) => void = () => undefined;

  constructor(readonly spec: ProcessSpec) {}

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    if (this.running) throw new Error(`${this.spec.name} is already running`);
    const log = fs.openSync(this.spec.logFile, 'a');
    fs.writeSync(log, `\n----- ${new Date().toISOString()} starting ${this.spec.name}\n`);
    const child = spawn(this.spec.command, [...this.spec.args], {
      cwd: this.spec.cwd,
      env: this.spec.env,
      stdio: ['ignore', log, log],
      detached: true,
    });
    fs.closeSync(log);
    this.child = child;
    this.killed = false;
    alive.add(this);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        alive.delete(this);
        if (!this.killed) this.onUnplannedExit(`${this.spec.name} exited (${signal ?? `code ${code}`})`);
        resolve();
      }),
    );
  }

  /** `kill -9` of the whole process group: no shutdown hook runs, as in a crash or a power cut. */
  async kill(): Promise<void> {
    this.killNow();
    await this.exited;
  }

  killNow(): void {
    const pid = this.pid;
    if (pid === undefined) return;
    this.killed = true;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // the group is already gone
    }
  }

  /**
   * SIGTERM, as an orchestrator stops a replica: the process drains and exits on its own. Resolves with how it ended
   * (`0`, or `SIGTERM` for a process that raises the signal again once drained, as NestJS does) and how long it took;
   * `kill -9` after `timeoutMs`.
   */
  async terminate(timeoutMs: number): Promise<{ ending: string; clean: boolean; ms: number }> {
    const child = this.child;
    if (!child || !this.running) throw new Error(`${this.spec.name} is not running`);
    this.killed = true;
    const startedAt = Date.now();
    const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
    child.kill('SIGTERM');
    const timer = setTimeout(() => this.killNow(), timeoutMs);
    const ending = await exited;
    clearTimeout(timer);
    return { ending, clean: ending === '0' || ending === 'SIGTERM', ms: Date.now() - startedAt };
  }

  /** The end of the log, to show why a start failed. */
  logTail(bytes = 3_000): string {
    if (!fs.existsSync(this.spec.logFile)) return '';
    const text = fs.readFileSync(this.spec.logFile, 'utf8');
    return text.slice(-bytes);
  }
}
