import { useState } from 'preact/hooks';
import { useNow } from '../hooks/use-now';
import { ErrorBanner } from '../ui/error-banner';
import { BoardFilters } from './board-filters';
import { NO_FILTERS, visibleTickets, type SortDirection } from './board-view';
import { TicketRow } from './ticket-row';
import { useLiveBoard } from './use-live-board';

export function BoardPage() {
  const { tickets, live, error } = useLiveBoard();
  const now = useNow();
  const [filters, setFilters] = useState(NO_FILTERS);
  const [direction, setDirection] = useState<SortDirection>('ascending');
  const rows = visibleTickets(Object.values(tickets), filters, direction);
  const flip = () => setDirection(direction === 'ascending' ? 'descending' : 'ascending');

  return (
    <section class="page">
      <header class="page-header">
        <h1>Open tickets</h1>
        <span class={`live-status${live ? ' live' : ''}`} role="status" data-testid="live-status">
          {live ? 'Live' : 'Connecting…'}
        </span>
      </header>
      <BoardFilters value={filters} onChange={setFilters} />
      <ErrorBanner message={error} />
      <div class="card table-card">
        <table class="board" aria-label="Open tickets">
          <thead>
            <tr>
              <th scope="col">Sev.</th>
              <th scope="col">Ticket</th>
              <th scope="col">Customer</th>
              <th scope="col">Product</th>
              <th scope="col">Status</th>
              <th scope="col" aria-sort={direction}>
                <button type="button" class="sort" onClick={flip}>
                  Time left <span aria-hidden="true">{direction === 'ascending' ? '▲' : '▼'}</span>
                </button>
              </th>
              <th scope="col">Escalation</th>
              <th scope="col">Microsoft #</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((ticket) => (
              <TicketRow key={ticket.key} ticket={ticket} now={now} />
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p class="empty">No open ticket matches.</p>}
      </div>
    </section>
  );
}
