import type { NewEvent } from '../types';

let streams = 0;

/** A stream id no other test uses. */
export function aStreamId(prefix = 'stream'): string {
  streams += 1;
  return `${prefix}-${process.pid}-${streams}`;
}

/** An event whose data records its own id, so tests can tell events apart. */
export function anEvent(eventId: string, type = 'SomethingHappened', data: unknown = { eventId }): NewEvent {
  return { eventId, type, data };
}
