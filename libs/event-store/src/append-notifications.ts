import type { DataSource } from 'typeorm';

/** The PostgreSQL channel every append NOTIFYs when it commits (see the PostgreSQL dialect). */
export const APPENDED_CHANNEL = 'event_store_appended';

interface ListeningClient {
  query(sql: string): Promise<unknown>;
  on(event: 'notification', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}

type Release = (destroy?: boolean | Error) => void;

interface PostgresDriverConnections {
  obtainMasterConnection(): Promise<[ListeningClient, Release]>;
}

/**
 * PostgreSQL only: calls `onAppend` after an append commits, in this process or any other, by LISTENing on a
 * connection of its own. A notification sent while the connection is lost is lost too, so `onAppend` is also called
 * after each (re)connection; until then a reconnection is tried every `retryMs`.
 */
export class AppendNotifications {
  private stopped = false;
  private release?: Release;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly onAppend: () => void,
    private readonly retryMs = 2_000,
  ) {
    if (dataSource.options.type !== 'postgres') throw new Error(`AppendNotifications needs PostgreSQL, not ${dataSource.options.type}`);
  }

  start(): void {
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    this.drop();
  }

  private async connect(): Promise<void> {
    const driver = this.dataSource.driver as unknown as PostgresDriverConnections;
    let release: Release | undefined;
    try {
      const [client, releaseClient] = await driver.obtainMasterConnection();
      release = releaseClient;
      if (this.stopped) return releaseClient(true);
      this.release = releaseClient;
      client.on('error', () => this.lost(releaseClient));
      client.on('notification', () => this.onAppend());
      await client.query(`LISTEN ${APPENDED_CHANNEL}`);
      this.onAppend();
    } catch {
      this.lost(release);
    }
  }

  /** The listening connection failed: it is destroyed (never back to the pool, still listening) and made again. */
  private lost(release: Release | undefined): void {
    if (release !== this.release) return; // already replaced
    this.drop();
    if (!this.stopped) this.retry = setTimeout(() => void this.connect(), this.retryMs);
  }

  private drop(): void {
    this.release?.(true);
    this.release = undefined;
  }
}
