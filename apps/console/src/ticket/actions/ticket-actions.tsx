import type { TicketView } from '@escalade/contract';
import { CloseForm } from './close-form';
import { MicrosoftResponseForm } from './microsoft-response-form';
import { NoteForm } from './note-form';
import { SeverityForm } from './severity-form';

/**
 * The actions the ticket's status allows, for a coordinator (the API still has the last word: a conflict shows on the
 * form). They name the ticket with its partner tenant: another partner of the caller's may use the same id.
 */
export function TicketActions({ ticket, onDone }: { ticket: TicketView; onDone(): void }) {
  const { status } = ticket;
  if (status === 'closed') return null;
  const ref = { id: ticket.id, partnerTenantId: ticket.partnerTenantId };
  return (
    <section class="card actions" aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>
      {(status === 'handing-off' || status === 'awaiting-response') && <MicrosoftResponseForm ticket={ref} onDone={onDone} />}
      {ticket.handoff && <NoteForm ticket={ref} onDone={onDone} />}
      {/* After the answer, a severity change re-times the follow-up target running. */}
      {(status === 'awaiting-response' || (status === 'responded' && ticket.followUp)) && (
        <SeverityForm ticket={ref} current={ticket.severity} onDone={onDone} />
      )}
      <CloseForm ticket={ref} onDone={onDone} />
    </section>
  );
}
