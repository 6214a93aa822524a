import type { CredentialsStatus } from './credentials-status';

/** While failing, a new reason is written at most this often: Entra ID's reasons carry a trace id, new at each refusal. */
export const REASON_REFRESH_MS = 60_000;

/**
 * Writes the credentials' status to the store for the API: when the state changes, and while failing when the reason
 * changes, at most once a minute (not at each call or retry). Writes go one after the other, so that the last one
 * stored is the latest; a write that fails is logged and not retried (the next change writes again).
 */
export class CredentialsStatusRecorder {
  private written?: { status: CredentialsStatus; at: number };
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (status: CredentialsStatus) => Promise<void>,
    private readonly now: () => number,
    private readonly warn: (message: string) => void,
  ) {}

  record(status: CredentialsStatus): void {
    if (!this.worthWriting(status)) return;
    this.written = { status, at: this.now() };
    this.writing = this.writing
      .then(() => this.write(status))
      .catch((err: unknown) => this.warn(`Partner Center credentials: their status could not be stored: ${(err as Error).message}`));
  }

  private worthWriting(status: CredentialsStatus): boolean {
    const last = this.written;
    if (!last || last.status.state !== status.state || last.status.since !== status.since) return true;
    return last.status.reason !== status.reason && this.now() - last.at >= REASON_REFRESH_MS;
  }
}
