import type { RecordedEvent } from '@escalade/event-store';
import { ParkedEvent } from './parked-event.entity';

const MAX_REASON_CHARACTERS = 300;

/** The event as parked now, for this reason. */
export function parkedEventOf(event: RecordedEvent, reason: string, parkedAt = new Date()): ParkedEvent {
  return Object.assign(new ParkedEvent(), {
    position: event.globalPosition,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    type: event.type,
    reason: shortReason(reason),
    parkedAt: parkedAt.toISOString(),
  });
}

/**
 * The first line of a message without control characters, cut to fit the column: a reason quotes errors, which
 * may quote the event's own data, and parking must never fail on it.
 */
export function shortReason(message: string): string {
  const characters = Array.from(message.split('\n', 1)[0], (c) => (c < ' ' || c === '\u007f' ? ' ' : c));
  if (characters.length <= MAX_REASON_CHARACTERS) return characters.join('').trim();
  return `${characters.slice(0, MAX_REASON_CHARACTERS - 1).join('').trim()}…`;
}
