export interface CredentialsStatus {
  /** `unknown` until the first renewal or Partner Center answer. */
  state: 'ok' | 'failing' | 'unknown';
  /** When the state began (ISO 8601). */
  since?: string;
  /** Why they are failing. */
  reason?: string;
}

type Signal = 'renewal' | 'partner-center';

/** The health of the credentials, from what Entra ID and Partner Center last made of them. */
export class CredentialsHealth {
  private current: CredentialsStatus = { state: 'unknown' };
  private failedAt?: Signal;

  constructor(
    private readonly now: () => number,
    private readonly changed: (status: CredentialsStatus) => void = () => undefined,
  ) {}

  status(): CredentialsStatus {
    return { ...this.current };
  }

  /** Only what failed can clear the failure: Entra ID renewing a token Partner Center refuses is no recovery, nor the reverse. */
  succeeded(signal: Signal): void {
    if (this.failedAt !== undefined && this.failedAt !== signal) return;
    this.failedAt = undefined;
    if (this.current.state !== 'ok') this.become({ state: 'ok', since: this.isoNow() });
  }

  failed(signal: Signal, reason: string): void {
    this.failedAt = signal;
    const since = this.current.state === 'failing' ? this.current.since : this.isoNow();
    if (this.current.state !== 'failing' || this.current.reason !== reason) this.become({ state: 'failing', since, reason });
  }

  private become(status: CredentialsStatus): void {
    this.current = status;
    this.changed(this.status());
  }

  private isoNow(): string {
    return new Date(this.now()).toISOString();
  }
}
