import type { DataSource } from 'typeorm';
import { upcastTicketEvent } from '@escalade/domain';
import { EventStore, type RecordedEvent } from '@escalade/event-store';

/** The event store as our readers use it: ticket events come out in today's shape, whenever they were stored. */
export function ticketEventStore(dataSource: DataSource): EventStore {
  return new EventStore(dataSource, { upcast: (event: RecordedEvent) => upcastTicketEvent(event) });
}
