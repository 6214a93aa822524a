import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../api/api-error';
import { api } from '../api/client';
import { followTicketEvents } from '../api/event-stream';
import type { TicketRef } from '../api/ticket-ref';
import type { AlertDeliveryView, TicketView, TimelineEntry } from '@escalade/contract';
import { coalesce } from '../util/coalesce';
import { deliveriesOf } from './ticket-alerts';

export interface TicketData {
  ticket?: TicketView;
  /** The timeline, oldest first, growing live. */
  events: TimelineEntry[];
  alerts: AlertDeliveryView[];
  notFound: boolean;
  error?: string;
}

/**
 * A ticket's state, timeline and alert deliveries. The timeline follows the ticket's event stream (its
 * history, then each new event); every new event reads the state and the deliveries again.
 */
export function useTicket({ id, partnerTenantId }: TicketRef): TicketData & { refresh(): void } {
  const [data, setData] = useState<TicketData>({ events: [], alerts: [], notFound: false });
  const refresh = useMemo(
    () =>
      coalesce(async () => {
        try {
          const [ticket, { items }] = await Promise.all([api.ticket({ id, partnerTenantId }), api.alertDeliveries(id)]);
          setData((current) => ({ ...current, ticket, alerts: deliveriesOf(ticket, items), error: undefined }));
        } catch (err) {
          const notFound = err instanceof ApiError && err.status === 404;
          setData((current) => ({ ...current, notFound, error: errorMessage(err) }));
        }
      }),
    [id, partnerTenantId],
  );

  useEffect(() => {
    refresh();
    return followTicketEvents(api.timelineStreamPath({ id, partnerTenantId }), {
      onEvent: (event) => {
        setData((current) =>
          event.version > (current.events.at(-1)?.version ?? 0) ? { ...current, events: [...current.events, event] } : current,
        );
        refresh();
      },
    });
  }, [id, partnerTenantId, refresh]);

  return { ...data, refresh };
}
