import type { TicketView } from '../../api/types';
import { CloseForm } from './close-form';
import { MicrosoftResponseForm } from './microsoft-response-form';
import { SeverityForm } from './severity-form';

/** The actions the ticket's status allows (the API still has the last word: a conflict shows on the form). */
export function TicketActions({ ticket, onDone }: { ticket: TicketView; onDone(): void }) {
  const { id, status } = ticket;
  if (status === 'closed') return null;
  return (
    <section class="card actions" aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>
      {(status === 'handing-off' || status === 'awaiting-response') && <MicrosoftResponseForm ticketId={id} onDone={onDone} />}
      {status === 'awaiting-response' && <SeverityForm ticketId={id} current={ticket.severity} onDone={onDone} />}
      <CloseForm ticketId={id} onDone={onDone} />
    </section>
  );
}
