import type { DataSource, EntityManager } from 'typeorm';
import { evolveTicketSummary, type TicketEvent, type TicketSummary } from '@escalade/domain';
import { EventStore, type RecordedEvent } from '@escalade/event-store';
import { ProjectionCheckpoint, TicketRow } from './ticket-row.entity';

const NAME = 'tickets';
const TICKET_STREAM_PREFIX = 'ticket-';

export interface RebuildProgress {
  processed: number;
  position: number;
  head: number;
}

/**
 * Keeps the `tickets` table in step with the event log: reads the events after its checkpoint, folds them
 * with the domain's evolveTicketSummary, and stores rows and checkpoint in one transaction.
 */
export class TicketsProjection {
  private readonly events: EventStore;

  constructor(private readonly dataSource: DataSource) {
    this.events = new EventStore(dataSource);
  }

  /** Applies the next batch of events; returns how many it read (0 when up to date). */
  async catchUp(batchSize = 500): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const after = await this.checkpoint(manager);
      const batch = await this.events.readAll({ after, limit: batchSize });
      if (batch.length === 0) return 0;
      await this.apply(manager, batch.filter((e) => e.streamId.startsWith(TICKET_STREAM_PREFIX)));
      await manager.save(ProjectionCheckpoint, { name: NAME, position: batch[batch.length - 1].globalPosition });
      return batch.length;
    });
  }

  /** Drops the read model and folds the whole log again. */
  async rebuild(onProgress: (progress: RebuildProgress) => void = () => undefined, batchSize = 5_000): Promise<number> {
    await this.dataSource.transaction(async (manager) => {
      await manager.clear(TicketRow);
      await manager.delete(ProjectionCheckpoint, { name: NAME });
    });
    const head = await this.events.headPosition();
    let processed = 0;
    for (let n = await this.catchUp(batchSize); n > 0; n = await this.catchUp(batchSize)) {
      processed += n;
      onProgress({ processed, position: await this.checkpoint(this.dataSource.manager), head });
    }
    return processed;
  }

  async checkpoint(manager: EntityManager = this.dataSource.manager): Promise<number> {
    return (await manager.findOneBy(ProjectionCheckpoint, { name: NAME }))?.position ?? 0;
  }

  private async apply(manager: EntityManager, batch: RecordedEvent[]): Promise<void> {
    const touched = new Map<string, TicketSummary | undefined>();
    for (const event of batch) {
      const ticketId = event.streamId.slice(TICKET_STREAM_PREFIX.length);
      if (!touched.has(ticketId)) {
        touched.set(ticketId, (await manager.findOneBy(TicketRow, { id: ticketId })) ?? undefined);
      }
      const current = touched.get(ticketId);
      if (current && event.streamVersion <= current.version) continue; // already applied
      touched.set(ticketId, evolveTicketSummary(current, event as unknown as TicketEvent, event.streamVersion));
    }
    const rows = [...touched.values()].filter((row): row is TicketSummary => row !== undefined);
    if (rows.length > 0) await manager.upsert(TicketRow, rows, ['id']);
  }
}
