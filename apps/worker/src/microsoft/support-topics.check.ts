import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ConfigError, type AppConfig } from '@escalade/config';
import { MicrosoftSupport } from '@escalade/microsoft-support';
import {
  catalogueTopics,
  describeProblem,
  PartnerCenterMicrosoftSupport,
  type SupportTopicProblem,
  type SupportTopicResolver,
  type SupportTopicSnapshot,
} from '@escalade/partner-center';
import { SupportTopicStore } from '@escalade/persistence';

/**
 * Filing with Partner Center (or the simulator), the worker reads its support topics when it starts: a mapped name it
 * does not list stops the worker, naming the closest ones. Partner Center unreachable then, the names are checked when
 * the list is first read, at the first filing: a filing whose name is not listed then fails with a
 * SupportTopicMappingError, which Temporal retries (the ticket waits in `handing-off`, nothing is filed, nothing lost)
 * until the mapping is corrected and the worker restarted; each list read that lacks a name is logged as an error.
 * Each list read is stored in `support_topics` for the API.
 */
@Injectable()
export class SupportTopicsCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('SupportTopics');

  constructor(
    private readonly microsoftSupport: MicrosoftSupport,
    private readonly store: SupportTopicStore,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!(this.microsoftSupport instanceof PartnerCenterMicrosoftSupport)) return;
    const topics = this.microsoftSupport.supportTopics;
    let snapshot: SupportTopicSnapshot;
    try {
      snapshot = await topics.catalogue.current();
    } catch (err) {
      this.logger.warn(
        `Partner Center's support topics cannot be read (${(err as Error).message}): the mapped names are checked when they are first read, at the first filing`,
      );
      topics.catalogue.onRefresh((later) => this.refreshed(later, topics));
      return;
    }
    await this.save(snapshot, topics);
    const problems = topics.problemsIn(snapshot);
    if (problems.length > 0) throw new ConfigError(this.described(problems, snapshot));
    this.logger.log(`${snapshot.topics.length} support topics (${snapshot.locale}): every mapped name is among them`);
    topics.catalogue.onRefresh((later) => this.refreshed(later, topics));
  }

  private refreshed(snapshot: SupportTopicSnapshot, topics: SupportTopicResolver): void {
    void this.save(snapshot, topics);
    const problems = topics.problemsIn(snapshot);
    if (problems.length === 0) return;
    this.logger.error(
      `Filings under these support topics fail, and are retried, until the mapping is corrected and the worker restarted:\n` +
        this.described(problems, snapshot).join('\n'),
    );
  }

  private described(problems: SupportTopicProblem[], { locale, topics }: SupportTopicSnapshot): string[] {
    const file = this.config.get('SUPPORT_TOPICS_FILE', { infer: true });
    const source = file ? `SUPPORT_TOPICS_FILE=${file}` : 'support topics (built-in names: set SUPPORT_TOPICS_FILE)';
    return problems.map((problem) => `${source}: ${describeProblem(problem, { locale, count: topics.length })}`);
  }

  /** The API's copy: a failure to store it must not stop filing. */
  private async save({ topics, locale, fetchedAt }: SupportTopicSnapshot, resolver: SupportTopicResolver): Promise<void> {
    try {
      await this.store.replace({ topics: catalogueTopics(topics, resolver.names), locale, fetchedAt });
    } catch (err) {
      this.logger.warn(`The support topics fetched at ${fetchedAt} could not be stored for the API: ${(err as Error).message}`);
    }
  }
}
