import { DataSource, In, MoreThan, type EntityManager } from 'typeorm';
import { shortReason } from './parked-event';
import { ParkedEvent } from './parked-event.entity';

export interface ParkedEventsPage {
  /** Positions after this one; 0 for the first page. */
  after?: number;
  /** Without one, every parked event after `after`. */
  limit?: number;
}

/** The `parked_events` dead-letter table; give it a transaction's EntityManager to work inside that transaction. */
export class ParkedEventsStore {
  private readonly manager: EntityManager;

  constructor(source: DataSource | EntityManager) {
    this.manager = source instanceof DataSource ? source.manager : source;
  }

  async count(): Promise<number> {
    return this.manager.count(ParkedEvent);
  }

  /** Oldest first. */
  async list({ after = 0, limit }: ParkedEventsPage = {}): Promise<ParkedEvent[]> {
    return this.manager.find(ParkedEvent, { where: { position: MoreThan(after) }, order: { position: 'ASC' }, take: limit });
  }

  /** The streams, among these, that have a parked event. */
  async streamsAmong(streamIds: string[]): Promise<Set<string>> {
    if (streamIds.length === 0) return new Set();
    const rows = await this.manager
      .createQueryBuilder(ParkedEvent, 'parked')
      .select('DISTINCT parked.streamId', 'streamId')
      .where({ streamId: In(streamIds) })
      .getRawMany<{ streamId: string }>();
    return new Set(rows.map((row) => row.streamId));
  }

  /** Every stream with a parked event, in the order of its first one. */
  async streams(): Promise<string[]> {
    const rows = await this.manager
      .createQueryBuilder(ParkedEvent, 'parked')
      .select('parked.streamId', 'streamId')
      .groupBy('parked.streamId')
      .orderBy('MIN(parked.position)')
      .getRawMany<{ streamId: string }>();
    return rows.map((row) => row.streamId);
  }

  /** The stream's parked events, in stream order. */
  async ofStream(streamId: string): Promise<ParkedEvent[]> {
    return this.manager.find(ParkedEvent, { where: { streamId }, order: { streamVersion: 'ASC' } });
  }

  /** An event parked already stays as it is, so parking again (a rebuild racing the live projector) is harmless. */
  async park(events: ParkedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.manager.createQueryBuilder().insert().into(ParkedEvent).values(events).orIgnore().execute();
  }

  async remove(positions: number[]): Promise<void> {
    if (positions.length > 0) await this.manager.delete(ParkedEvent, { position: In(positions) });
  }

  async updateReason(position: number, reason: string): Promise<void> {
    await this.manager.update(ParkedEvent, { position }, { reason: shortReason(reason) });
  }

  async clear(): Promise<void> {
    await this.manager.clear(ParkedEvent);
  }
}
