import { canAct, useSession } from '../auth/session';
import { useNow } from '../hooks/use-now';
import { Link } from '../routing/navigation';
import { ErrorBanner } from '../ui/error-banner';
import { TicketActions } from './actions/ticket-actions';
import { AlertDeliveries } from './alert-deliveries';
import { FollowUpCard } from './follow-up-card';
import { SlaBar } from './sla-bar';
import { TicketFacts } from './ticket-facts';
import { TicketHeader } from './ticket-header';
import { Timeline } from './timeline';
import { useTicket } from './use-ticket';

export function TicketPage({ id, partnerTenantId }: { id: string; partnerTenantId?: string }) {
  const { ticket, events, alerts, notFound, error, refresh } = useTicket({ id, partnerTenantId });
  const { role } = useSession();
  const now = useNow();
  if (notFound) {
    return (
      <section class="page">
        <h1>No ticket {id}</h1>
        <p>It does not exist, or it is a ticket of a partner tenant you do not act for.</p>
        <Link href="/">Back to the board</Link>
      </section>
    );
  }
  if (!ticket) return <section class="page">{error ? <p role="alert">{error}</p> : <p class="muted">Loading…</p>}</section>;
  return (
    <section class="page ticket-page">
      <TicketHeader ticket={ticket} now={now} />
      <ErrorBanner message={error} />
      <div class="ticket-grid">
        <div class="ticket-main">
          <SlaBar ticket={ticket} now={now} />
          <FollowUpCard ticket={ticket} now={now} />
          <Timeline events={events} />
        </div>
        <div class="ticket-side">
          {canAct(role) && <TicketActions ticket={ticket} onDone={refresh} />}
          <TicketFacts ticket={ticket} />
          <AlertDeliveries alerts={alerts} />
        </div>
      </div>
    </section>
  );
}
