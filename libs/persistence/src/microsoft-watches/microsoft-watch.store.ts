import type { DataSource, Repository } from 'typeorm';
import { MicrosoftWatchEntity } from './microsoft-watch.entity';

export interface NewMicrosoftWatch {
  ticketId: string;
  workflowId: string;
  microsoftTicketId: string;
}

/** What was last signalled of a ticket: a change is a status other than this one, or more notes. */
export interface MicrosoftTicketMark {
  status: string;
  noteCount: number;
}

/** A filed ticket starts as Partner Center files it: open, no notes. */
const INITIAL_MARK: MicrosoftTicketMark = { status: 'open', noteCount: 0 };

/** The tickets the watch poller follows; every write is safe to repeat, as an activity retried does. */
export class MicrosoftWatchStore {
  private readonly watches: Repository<MicrosoftWatchEntity>;

  constructor(
    dataSource: DataSource,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.watches = dataSource.getRepository(MicrosoftWatchEntity);
  }

  /** Starts following the ticket from the initial mark; a ticket already followed keeps its watch and mark. */
  async follow(watch: NewMicrosoftWatch): Promise<void> {
    await this.watches
      .createQueryBuilder()
      .insert()
      .values({ ...watch, ...INITIAL_MARK, followedAt: this.clock().toISOString() })
      .orIgnore()
      .execute();
  }

  async unfollow(microsoftTicketId: string): Promise<void> {
    await this.watches.delete({ microsoftTicketId });
  }

  /** Oldest first. */
  async all(): Promise<MicrosoftWatchEntity[]> {
    return this.watches.find({ order: { followedAt: 'ASC', microsoftTicketId: 'ASC' } });
  }

  /** Records what was signalled; nothing for a ticket no longer followed. */
  async mark(microsoftTicketId: string, { status, noteCount }: MicrosoftTicketMark): Promise<void> {
    await this.watches.update({ microsoftTicketId }, { status, noteCount });
  }
}
