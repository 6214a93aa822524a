import type { DataSource, Repository } from 'typeorm';
import { JournalFaultEntity } from './journal-fault.entity';

export type JournalFault = JournalFaultEntity;

/** The ticket streams that refused their workflow's events: shown by readiness until an operator repairs them. */
export class JournalFaultStore {
  private readonly faults: Repository<JournalFaultEntity>;

  constructor(
    dataSource: DataSource,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.faults = dataSource.getRepository(JournalFaultEntity);
  }

  /** Keeps the stream's latest fault. */
  async record({ streamId, workflowId, reason }: Pick<JournalFault, 'streamId' | 'workflowId' | 'reason'>): Promise<void> {
    await this.faults.upsert({ streamId, workflowId, reason: reason.slice(0, 1000), faultedAt: this.clock().toISOString() }, ['streamId']);
  }

  /** Whether the stream has refused its workflow's events. */
  has(streamId: string): Promise<boolean> {
    return this.faults.existsBy({ streamId });
  }

  count(): Promise<number> {
    return this.faults.count();
  }

  /** Oldest first. */
  list(limit = 50): Promise<JournalFault[]> {
    return this.faults.find({ order: { faultedAt: 'ASC', streamId: 'ASC' }, take: limit });
  }
}
