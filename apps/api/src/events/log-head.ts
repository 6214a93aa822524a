import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppendNotifications, EventStore } from '@escalade/event-store';

/**
 * How often the head is read while a stream is open. SQLite has no notification across processes (the worker
 * appends), hence a short poll there; on PostgreSQL appends NOTIFY, and the slow poll only covers a writer that does
 * not (a worker of an older version during a rolling deployment).
 */
export const HEAD_POLL_MS = { sqlite: 100, postgres: 1_000 } as const;

/**
 * The event log's head, learned once for the whole API process, and a wake-up for every open stream when it moves:
 * a stream reads only then, so open streams cost the database nothing while nothing happens, however many they are.
 * The head is read only while a stream is open: on PostgreSQL when an append's notification arrives, and on a poll.
 */
@Injectable()
export class LogHead implements OnModuleInit, OnModuleDestroy {
  private known = 0;
  private readonly watchers = new Set<() => void>();
  private timer?: NodeJS.Timeout;
  private polling = false;
  private checking = false;
  private checkAgain = false;
  private readonly notifications?: AppendNotifications;
  private readonly pollMs: number;

  constructor(
    private readonly events: EventStore,
    dataSource: DataSource,
  ) {
    const postgres = dataSource.options.type === 'postgres';
    this.pollMs = postgres ? HEAD_POLL_MS.postgres : HEAD_POLL_MS.sqlite;
    if (postgres) this.notifications = new AppendNotifications(dataSource, () => void this.check());
  }

  /** The newest global position this process has learned: no event at or below it is still to be committed. */
  get position(): number {
    return this.known;
  }

  /** Calls `wake` each time the head moves, until the returned function is called. */
  watch(wake: () => void): () => void {
    this.watchers.add(wake);
    if (!this.polling) void this.pollWhileWatched();
    return () => this.watchers.delete(wake);
  }

  onModuleInit(): void {
    this.notifications?.start();
  }

  onModuleDestroy(): void {
    this.notifications?.stop();
    this.watchers.clear();
    clearTimeout(this.timer);
  }

  private async pollWhileWatched(): Promise<void> {
    this.polling = true;
    while (this.watchers.size > 0) {
      await new Promise((resolve) => (this.timer = setTimeout(resolve, this.pollMs)));
      await this.check();
    }
    this.polling = false;
  }

  /** Reads the head once, however many notifications arrive meanwhile (one more read after it if any did). */
  private async check(): Promise<void> {
    if (this.watchers.size === 0) return;
    if (this.checking) {
      this.checkAgain = true;
      return;
    }
    this.checking = true;
    try {
      do {
        this.checkAgain = false;
        const head = await this.events.headPosition().catch(() => this.known); // an outage: the streams wait it out
        if (head > this.known) {
          this.known = head;
          for (const wake of [...this.watchers]) wake();
        }
      } while (this.checkAgain);
    } finally {
      this.checking = false;
    }
  }
}
