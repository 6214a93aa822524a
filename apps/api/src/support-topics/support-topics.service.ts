import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@escalade/config';
import { SupportTopicStore, type SupportTopicFilter, type SupportTopicListing } from '@escalade/persistence';

export interface SupportTopicsView extends SupportTopicListing {
  /** Why the list is empty, when no list was fetched. */
  note?: string;
}

const IN_PROCESS = 'MICROSOFT_SUPPORT=in-process files no ticket with Partner Center, so there are no support topics';
const NOT_FETCHED = "The worker has not read Partner Center's support topics yet: it does when it starts, or at its first filing";

/** Partner Center's support topics as the worker stored them: the API never calls Partner Center itself. */
@Injectable()
export class SupportTopicsService {
  constructor(
    private readonly store: SupportTopicStore,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  async list(filter: SupportTopicFilter): Promise<SupportTopicsView> {
    if (this.config.get('MICROSOFT_SUPPORT', { infer: true }) === 'in-process') {
      return { items: [], locale: null, fetchedAt: null, note: IN_PROCESS };
    }
    const listing = await this.store.list(filter);
    return listing.fetchedAt === null ? { ...listing, note: NOT_FETCHED } : listing;
  }
}
