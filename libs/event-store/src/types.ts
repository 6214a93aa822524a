/** Who and what caused an event; every field is optional and stored as JSON next to the event. */
export interface EventMetadata {
  workflowId?: string;
  runId?: string;
  causationId?: string;
  correlationId?: string;
  actor?: string;
}

/** An event to append. `eventId` is chosen by the writer and makes a retried append a no-op. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  eventId: string;
  type: Type;
  /** Any JSON value (objects, arrays, strings, numbers, booleans, null); stored as JSON text. */
  data: Data;
  metadata?: EventMetadata;
}

/** An event as stored. */
export interface RecordedEvent<Type extends string = string, Data = unknown> extends NewEvent<Type, Data> {
  streamId: string;
  /** 1-based position within the stream, without gaps. */
  streamVersion: number;
  /**
   * Ascending over all streams in commit order: an event committed later never has a lower position than one
   * already visible. Positions may have gaps (PostgreSQL does not reuse the identity values of rolled-back appends).
   */
  globalPosition: number;
  /** ISO-8601 UTC, from the store's clock; the same for every event of one append. */
  recordedAt: string;
  metadata: EventMetadata;
}

/**
 * What the writer believes about the stream before appending:
 * a number n — the stream is at version n (0 means it does not exist yet);
 * 'no-stream' — it does not exist; 'stream-exists' — it has at least one event; 'any' — no check.
 */
export type ExpectedStreamVersion = number | 'no-stream' | 'stream-exists' | 'any';

export interface AppendOptions {
  /** Defaults to 'any'. */
  expectedStreamVersion?: ExpectedStreamVersion;
}

export interface AppendResult {
  /** The stream's version after the append: pass it as `expectedStreamVersion` for the next one. */
  nextExpectedStreamVersion: number;
  /** The global position of the stream's last event (the batch's last event when something was appended). */
  lastGlobalPosition: number;
  /** How many events were stored: 0 when the whole batch was already stored (a retried append). */
  appended: number;
}

export interface ReadStreamOptions {
  /** First version to read, inclusive; defaults to 1. */
  from?: number;
  /** Last version to read, inclusive; defaults to the end of the stream. */
  to?: number;
}

export interface ReadAllOptions {
  /** Read events with a global position greater than this one (a checkpoint); defaults to 0. */
  after?: number;
  /** At most this many events, 1 to 10,000; defaults to 1,000. */
  limit?: number;
}

/** Brings a stored event to the shape its readers expect today (see EventStore's `upcast`). */
export type Upcaster = (event: RecordedEvent) => RecordedEvent;
