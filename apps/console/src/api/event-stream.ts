import { api } from './client';
import type { StreamedTicketEvent } from '@escalade/contract';

export interface EventStreamHandlers {
  onEvent(event: StreamedTicketEvent): void;
  /** Connected, and again after each reconnection. */
  onOpen?(): void;
  /** Disconnected: the browser reconnects by itself, resuming after the last event id it saw. */
  onError?(): void;
}

/**
 * Follows a Server-Sent Event stream of ticket events; returns what stops following it. The session cookie goes
 * with it (same origin). A refused connection (a 401 once the session ended) is not retried by the browser: asking
 * who is signed in then sends the user to the sign-in page if that is why.
 */
export function followTicketEvents(path: string, handlers: EventStreamHandlers): () => void {
  const source = new EventSource(path);
  source.addEventListener('ticket-event', (message) => handlers.onEvent(JSON.parse(message.data) as StreamedTicketEvent));
  source.onopen = () => handlers.onOpen?.();
  source.onerror = () => {
    handlers.onError?.();
    if (source.readyState === EventSource.CLOSED) api.whoAmI().catch(() => undefined);
  };
  return () => source.close();
}
