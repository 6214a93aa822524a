import { PRODUCT_LABELS, type Product } from '@escalade/domain';
import type { TicketView } from '@escalade/contract';
import { countdown } from '../format/countdown';
import { Link } from '../routing/navigation';
import { BreachedBadge, BreachWithdrawnBadge, FilingBlockedBadge, NotRecordingBadge, OutcomeBadge, SeverityBadge, StatusBadge } from '../ui/badges';

export function TicketHeader({ ticket, now }: { ticket: TicketView; now: number }) {
  const timeLeft = countdown(ticket, now);
  return (
    <header class="ticket-header">
      <Link href="/" class="back">
        ← Board
      </Link>
      <h1>{ticket.title}</h1>
      <div class="ticket-meta">
        <SeverityBadge severity={ticket.severity} />
        <StatusBadge status={ticket.status} />
        {ticket.outcome && <OutcomeBadge outcome={ticket.outcome} />}
        {ticket.breached && <BreachedBadge />}
        {ticket.breachCorrectedAt && <BreachWithdrawnBadge at={ticket.breachCorrectedAt} />}
        {ticket.journalFault && <NotRecordingBadge reason={ticket.journalFault} />}
        {ticket.handoffBlocked && <FilingBlockedBadge {...ticket.handoffBlocked} />}
        <span class="muted">{ticket.id}</span>
        <span>{ticket.customer}</span>
        <span>{PRODUCT_LABELS[ticket.product as Product] ?? ticket.product}</span>
      </div>
      <dl class="ticket-figures">
        <div>
          <dt>Time left</dt>
          <dd class={timeLeft.late ? 'late' : undefined} data-testid="ticket-time-left">
            {timeLeft.text}
          </dd>
        </div>
        <div>
          <dt>Escalation</dt>
          <dd data-testid="ticket-escalation-level">{ticket.escalationLevel > 0 ? `Level ${ticket.escalationLevel}` : 'None'}</dd>
        </div>
        <div>
          <dt>Microsoft ticket</dt>
          <dd>{ticket.handoff ? `#${ticket.handoff.microsoftTicketId}` : '—'}</dd>
        </div>
        <div>
          <dt>Workflow</dt>
          <dd>
            <a href={ticket.links.temporalUi} target="_blank" rel="noreferrer">
              Open in Temporal UI
            </a>
          </dd>
        </div>
      </dl>
      {ticket.resolution && (
        <p class="resolution">
          <strong>Resolution:</strong> {ticket.resolution}
        </p>
      )}
    </header>
  );
}
