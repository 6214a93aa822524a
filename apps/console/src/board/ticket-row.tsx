import { PRODUCT_LABELS, type TicketSummary } from '@escalade/domain';
import { countdown } from '../format/countdown';
import { Link } from '../routing/navigation';
import { ticketHref } from '../routing/routes';
import { BreachedBadge, SeverityBadge, StatusBadge } from '../ui/badges';
import { urgencyOf } from './board-view';

export function TicketRow({ ticket, now }: { ticket: TicketSummary; now: number }) {
  const urgency = urgencyOf(ticket, now);
  const timeLeft = countdown(ticket, now);
  return (
    <tr
      class={`ticket-row urgency-${urgency}`}
      data-testid="ticket-row"
      data-ticket-key={ticket.key}
      data-ticket-id={ticket.id}
      data-partner-tenant-id={ticket.partnerTenantId}
      data-urgency={urgency}
    >
      <td>
        <SeverityBadge severity={ticket.severity} />
      </td>
      <td>
        <Link href={ticketHref(ticket)} class="ticket-title">
          {ticket.title}
        </Link>
        <div class="muted">
          {ticket.id} · {ticket.partner}
        </div>
      </td>
      <td>
        {ticket.customer}
        <div class="muted">{ticket.customerDomain}</div>
      </td>
      <td>{PRODUCT_LABELS[ticket.product]}</td>
      <td>
        <StatusBadge status={ticket.status} />
        {ticket.breached && <BreachedBadge />}
      </td>
      <td class={`time-left${timeLeft.late ? ' late' : ''}`} data-testid="time-left">
        {timeLeft.text}
      </td>
      <td data-testid="escalation-level">{ticket.escalationLevel > 0 ? `Level ${ticket.escalationLevel}` : '—'}</td>
      <td>{ticket.microsoftTicketId ?? '—'}</td>
    </tr>
  );
}
