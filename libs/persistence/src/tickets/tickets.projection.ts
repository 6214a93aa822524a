import type { DataSource, EntityManager } from 'typeorm';
import { evolveTicketSummary, type TicketSummary } from '@escalade/domain';
import type { EventStore, RecordedEvent } from '@escalade/event-store';
import { parkedEventOf } from '../parked-events/parked-event';
import { ParkedEvent } from '../parked-events/parked-event.entity';
import { ParkedEventsStore } from '../parked-events/parked-events.store';
import { isRowRefusal } from './row-refusal';
import { ticketEventStore } from './ticket-event-store';
import { isTicketStream, TicketChange, ticketKeyOf, type TicketEvolve } from './ticket-change';
import { foldTicketLog, type FoldedTicketLog } from './ticket-log';
import { ProjectionCheckpoint, TicketRow } from './ticket-row.entity';

const NAME = 'tickets';

const FOLLOWS_PARKED = 'an earlier event of this ticket is parked';

export interface RebuildProgress {
  processed: number;
  position: number;
  head: number;
}

export interface CatchUpResult {
  /** Events read from the log: 0 when up to date. */
  read: number;
  /** Those of them parked instead of folded. */
  parked: ParkedEvent[];
}

/** For readiness: how far the read model is from the log's head, and how many events wait in parked_events. */
export interface ProjectionStatus {
  checkpoint: number;
  head: number;
  /** Global positions between checkpoint and head (positions may have gaps: at most this many events). */
  lag: number;
  parked: number;
}

/** The read model as of one moment: its rows and parked events reflect the log up to `checkpoint`. */
export interface ProjectionSnapshot {
  checkpoint: number;
  rows: TicketSummary[];
  parked: ParkedEvent[];
}

export interface ReplayResult {
  applied: number;
  remaining: number;
}

/**
 * SQLite: the write lock before the first read. A transaction that has read cannot take it once another process (the
 * API, a worker appending events) has committed since: SQLite refuses at once ("database is locked", SQLITE_BUSY_SNAPSHOT)
 * instead of waiting out the busy timeout, and the projection would stop for its retry delay. PostgreSQL needs nothing.
 */
async function lockForWriting(manager: EntityManager): Promise<void> {
  if (manager.connection.options.type !== 'better-sqlite3') return;
  await manager.query('UPDATE projection_checkpoints SET position = position WHERE name = ?', [NAME]);
}

/**
 * Keeps the `tickets` table in step with the event log: reads the events after its checkpoint, folds them
 * with the domain's evolveTicketSummary, and stores rows, parked events and checkpoint in one transaction.
 * An event that cannot be folded into a valid row, or whose row the database refuses, is parked with every later
 * event of its ticket, so the checkpoint always moves on and every other ticket stays current.
 */
export class TicketsProjection {
  private readonly events: EventStore;

  constructor(
    private readonly dataSource: DataSource,
    private readonly evolve: TicketEvolve = evolveTicketSummary,
  ) {
    this.events = ticketEventStore(dataSource);
  }

  /** Applies the next batch of events. */
  async catchUp(batchSize = 500): Promise<CatchUpResult> {
    return this.dataSource.transaction(async (manager) => {
      await lockForWriting(manager);
      const after = await this.checkpoint(manager);
      const batch = await this.events.readAll({ after, limit: batchSize });
      if (batch.length === 0) return { read: 0, parked: [] };
      const parked = await this.apply(manager, batch.filter((e) => isTicketStream(e.streamId)));
      await new ParkedEventsStore(manager).park(parked);
      await manager.save(ProjectionCheckpoint, { name: NAME, position: batch[batch.length - 1].globalPosition });
      return { read: batch.length, parked };
    });
  }

  /** Drops the read model and its parked events, and folds the whole log again. */
  async rebuild(onProgress: (progress: RebuildProgress) => void = () => undefined, batchSize = 5_000): Promise<number> {
    await this.dataSource.transaction(async (manager) => {
      await manager.clear(TicketRow);
      await new ParkedEventsStore(manager).clear();
      await manager.delete(ProjectionCheckpoint, { name: NAME });
    });
    const head = await this.events.headPosition();
    let processed = 0;
    for (let n = (await this.catchUp(batchSize)).read; n > 0; n = (await this.catchUp(batchSize)).read) {
      processed += n;
      onProgress({ processed, position: await this.checkpoint(this.dataSource.manager), head });
    }
    return processed;
  }

  /** Folds the parked events again, ticket by ticket in stream order (after a fix), and removes those that now apply. */
  async replayParked(): Promise<ReplayResult> {
    const parked = new ParkedEventsStore(this.dataSource);
    let applied = 0;
    for (const streamId of await parked.streams()) applied += await this.replayStream(streamId);
    return { applied, remaining: await parked.count() };
  }

  async checkpoint(manager: EntityManager = this.dataSource.manager): Promise<number> {
    return (await manager.findOneBy(ProjectionCheckpoint, { name: NAME }))?.position ?? 0;
  }

  /** One small query: the checkpoint, the log's head (its primary key's maximum) and the parked count. */
  async status(): Promise<ProjectionStatus> {
    const [row] = await this.dataSource.query(
      `SELECT (SELECT position FROM projection_checkpoints WHERE name = '${NAME}') AS checkpoint,
              (SELECT MAX(global_position) FROM events) AS head,
              (SELECT COUNT(*) FROM parked_events) AS parked`,
    );
    const checkpoint = Number(row.checkpoint ?? 0);
    const head = Number(row.head ?? 0);
    return { checkpoint, head, lag: Math.max(0, head - checkpoint), parked: Number(row.parked) };
  }

  /** Rows, parked events and checkpoint read in one snapshot transaction, to compare with the log (see projectionDrift). */
  async snapshot(): Promise<ProjectionSnapshot> {
    const isolation = this.dataSource.options.type === 'postgres' ? 'REPEATABLE READ' : 'SERIALIZABLE';
    return this.dataSource.transaction(isolation, async (manager) => ({
      checkpoint: await this.checkpoint(manager),
      rows: await manager.find(TicketRow, { order: { key: 'ASC' } }),
      parked: await new ParkedEventsStore(manager).list(),
    }));
  }

  /** The rows the log gives up to `upTo`, folded in memory with this projection's fold and checks. */
  async foldLog(upTo: number): Promise<FoldedTicketLog> {
    const columns = this.columns();
    return foldTicketLog(this.events, upTo, (key, row) => new TicketChange(key, row, this.evolve, columns));
  }

  /** Folds the batch into its tickets' rows and writes them; returns the events to park, in log order. */
  private async apply(manager: EntityManager, batch: RecordedEvent[]): Promise<ParkedEvent[]> {
    const blocked = await new ParkedEventsStore(manager).streamsAmong([...new Set(batch.map((e) => e.streamId))]);
    const changes = new Map<string, TicketChange>();
    const parked: ParkedEvent[] = [];
    for (const event of batch) {
      if (blocked.has(event.streamId)) {
        parked.push(parkedEventOf(event, FOLLOWS_PARKED));
        continue;
      }
      let change = changes.get(event.streamId);
      if (!change) changes.set(event.streamId, (change = await this.changeOf(manager, event.streamId)));
      const problem = change.fold(event);
      if (problem) {
        parked.push(parkedEventOf(event, problem));
        blocked.add(event.streamId);
      }
    }
    parked.push(...(await this.write(manager, [...changes.values()].filter((c) => c.applied.length > 0))));
    return parked.sort((a, b) => a.position - b.position);
  }

  /** Writes the rows; when the database refuses one, the events folded into it are parked and the others written. */
  private async write(manager: EntityManager, changes: TicketChange[]): Promise<ParkedEvent[]> {
    if (changes.length === 0 || !(await this.refusalOf(manager, changes))) return [];
    const parked: ParkedEvent[] = [];
    for (const change of changes) {
      const refusal = await this.refusalOf(manager, [change]);
      if (refusal) parked.push(...change.applied.map((event) => parkedEventOf(event, refusal)));
    }
    return parked;
  }

  /** Upserts the rows in a savepoint: undefined once written, or why the database refused them. */
  private async refusalOf(manager: EntityManager, changes: TicketChange[]): Promise<string | undefined> {
    const rows = changes.map((change) => change.row as TicketSummary);
    try {
      await manager.transaction((savepoint) => savepoint.upsert(TicketRow, rows, ['key']));
      return undefined;
    } catch (error) {
      if (!isRowRefusal(error)) throw error;
      return `the database refused the row: ${(error as Error).message}`;
    }
  }

  private replayStream(streamId: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await lockForWriting(manager);
      const store = new ParkedEventsStore(manager);
      const parked = await store.ofStream(streamId);
      if (parked.length === 0) return 0; // replayed meanwhile by another run
      const positions = new Set(parked.map((p) => p.position));
      const events = (await this.events.readStream(streamId, { from: parked[0].streamVersion })).filter((e) =>
        positions.has(e.globalPosition),
      );
      const change = await this.changeOf(manager, streamId);
      const refused = change.foldAll(events);
      const settled = refused ? events.filter((e) => e.streamVersion < refused.event.streamVersion) : events;
      if (change.applied.length > 0) {
        const refusal = await this.refusalOf(manager, [change]);
        if (refusal) {
          await store.updateReason(change.applied[0].globalPosition, refusal);
          return 0;
        }
      }
      await store.remove(settled.map((e) => e.globalPosition));
      if (refused) await store.updateReason(refused.event.globalPosition, refused.problem);
      return settled.length;
    });
  }

  private async changeOf(manager: EntityManager, streamId: string): Promise<TicketChange> {
    const key = ticketKeyOf(streamId);
    const row = (await manager.findOneBy(TicketRow, { key })) ?? undefined;
    return new TicketChange(key, row, this.evolve, this.columns());
  }

  private columns() {
    return this.dataSource.getMetadata(TicketRow).columns;
  }
}
