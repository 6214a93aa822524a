import type { PartnerCenterClient } from '../partner-center.client';
import type { SupportTopic } from '../wire';

/** Partner Center's support topics as fetched once. */
export interface SupportTopicSnapshot {
  topics: SupportTopic[];
  /** The X-Locale they were asked in (the agent locale): the language of their names. */
  locale: string;
  /** ISO 8601. */
  fetchedAt: string;
}

export interface SupportTopicCatalogueOptions {
  /** How long a fetched list is used before it is fetched again; default an hour. */
  ttlMs?: number;
  /** After a failed refresh, how long the last good list is used before trying again; default a minute, at most the TTL. */
  retryMs?: number;
  logger?: { warn(message: string): void };
  /** Milliseconds since the epoch. */
  now?: () => number;
}

export const DEFAULT_SUPPORT_TOPICS_TTL_MS = 3_600_000;
const DEFAULT_RETRY_MS = 60_000;

type RefreshListener = (snapshot: SupportTopicSnapshot) => void;

/**
 * `GET /v1/servicerequests/supporttopics`, kept for a TTL. Concurrent callers share one fetch. A failed refresh keeps
 * the last good list (the topics rarely change, and filing should not stop because their list cannot be read); only
 * with no list fetched yet does the failure reach the caller.
 */
export class SupportTopicCatalogue {
  private readonly ttlMs: number;
  private readonly retryMs: number;
  private readonly now: () => number;
  private readonly listeners: RefreshListener[] = [];
  private last?: SupportTopicSnapshot;
  private nextFetchAt = 0;
  private fetching?: Promise<SupportTopicSnapshot>;

  constructor(
    private readonly client: PartnerCenterClient,
    private readonly options: SupportTopicCatalogueOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_SUPPORT_TOPICS_TTL_MS;
    this.retryMs = Math.min(options.retryMs ?? DEFAULT_RETRY_MS, this.ttlMs);
    this.now = options.now ?? Date.now;
  }

  current(): Promise<SupportTopicSnapshot> {
    if (this.last && this.now() < this.nextFetchAt) return Promise.resolve(this.last);
    this.fetching ??= this.fetch().finally(() => (this.fetching = undefined));
    return this.fetching;
  }

  /** Called with each list fetched; it must not throw. */
  onRefresh(listener: RefreshListener): void {
    this.listeners.push(listener);
  }

  private async fetch(): Promise<SupportTopicSnapshot> {
    try {
      const { items } = await this.client.listSupportTopics();
      const fetchedAt = this.now();
      this.last = { topics: items, locale: this.client.agentLocale, fetchedAt: new Date(fetchedAt).toISOString() };
      this.nextFetchAt = fetchedAt + this.ttlMs;
      for (const listener of this.listeners) listener(this.last);
      return this.last;
    } catch (err) {
      if (!this.last) throw err;
      this.nextFetchAt = this.now() + this.retryMs;
      this.options.logger?.warn(
        `Support topics: refreshing the list failed (${(err as Error).message}); keeping the one fetched at ${this.last.fetchedAt}, ` +
          `trying again in ${Math.round(this.retryMs / 1000)} s`,
      );
      return this.last;
    }
  }
}
