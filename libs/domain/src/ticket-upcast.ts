// Stored ticket events in today's shape: events written before a field existed get it on the way out of the store,
// so a read-model rebuild or a timeline never has to special-case old events, and old rows never need rewriting.
import type { TicketEvent } from './ticket-events';

/** A stored event as the event store reads it: what upcasting needs of it. */
export interface StoredTicketEvent {
  type: string;
  data: unknown;
  /** When the store recorded it: the best time there is for a moment the event itself did not carry yet. */
  recordedAt: string;
}

type Upcaster = (data: Record<string, unknown>, recordedAt: string) => Record<string, unknown>;

const withTime =
  (field: string): Upcaster =>
  (data, recordedAt) =>
    typeof data[field] === 'string' ? data : { ...data, [field]: recordedAt };

const UPCASTERS: Partial<Record<TicketEvent['type'], Upcaster>> = {
  BreachWarningRaised: withTime('warnedAt'),
  Escalated: withTime('raisedAt'),
  SlaBreachCorrected: withTime('correctedAt'),
};

/** The event in today's shape; events of other streams and of unknown types pass unchanged. */
export function upcastTicketEvent<E extends StoredTicketEvent>(event: E): E {
  const upcast = UPCASTERS[event.type as TicketEvent['type']];
  if (!upcast || typeof event.data !== 'object' || event.data === null) return event;
  const data = upcast(event.data as Record<string, unknown>, event.recordedAt);
  return data === event.data ? event : { ...event, data };
}
