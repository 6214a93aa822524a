import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../api/api-error';
import { api } from '../api/client';
import { followTicketEvents } from '../api/event-stream';
import type { AlertDelivery, RecordedTicketEvent, TicketView } from '../api/types';
import { coalesce } from '../util/coalesce';

export interface TicketData {
  ticket?: TicketView;
  /** The timeline, oldest first, growing live. */
  events: RecordedTicketEvent[];
  alerts: AlertDelivery[];
  notFound: boolean;
  error?: string;
}

/**
 * A ticket's state, timeline and alert deliveries. The timeline follows the ticket's event stream (its
 * history, then each new event); every new event reads the state and the deliveries again.
 */
export function useTicket(id: string): TicketData & { refresh(): void } {
  const [data, setData] = useState<TicketData>({ events: [], alerts: [], notFound: false });
  const refresh = useMemo(
    () =>
      coalesce(async () => {
        try {
          const [ticket, { items: alerts }] = await Promise.all([api.ticket(id), api.alertDeliveries(id)]);
          setData((current) => ({ ...current, ticket, alerts, error: undefined }));
        } catch (err) {
          const notFound = err instanceof ApiError && err.status === 404;
          setData((current) => ({ ...current, notFound, error: errorMessage(err) }));
        }
      }),
    [id],
  );

  useEffect(() => {
    refresh();
    return followTicketEvents(api.timelineStreamPath(id), {
      onEvent: (event) => {
        setData((current) =>
          event.version > (current.events.at(-1)?.version ?? 0) ? { ...current, events: [...current.events, event] } : current,
        );
        refresh();
      },
    });
  }, [id, refresh]);

  return { ...data, refresh };
}
