import { SEVERITIES, TICKET_STATUSES } from '@escalade/domain';
import { STATUS_LABELS } from '../format/labels';
import type { BoardFilters as Filters } from './board-view';

const OPEN_STATUSES = TICKET_STATUSES.filter((status) => status !== 'closed');

export function BoardFilters({ value, onChange }: { value: Filters; onChange(filters: Filters): void }) {
  const set = (change: Partial<Filters>) => onChange({ ...value, ...change });
  return (
    <form class="filters" role="search" aria-label="Filter tickets" onSubmit={(event) => event.preventDefault()}>
      <label>
        Severity
        <select value={value.severity} onChange={(event) => set({ severity: event.currentTarget.value as Filters['severity'] })}>
          <option value="">All</option>
          {SEVERITIES.map((severity) => (
            <option key={severity} value={severity}>
              {severity}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select value={value.status} onChange={(event) => set({ status: event.currentTarget.value as Filters['status'] })}>
          <option value="">All open</option>
          {OPEN_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Customer
        <input
          type="search"
          placeholder="Name or domain"
          value={value.customer}
          onInput={(event) => set({ customer: event.currentTarget.value })}
        />
      </label>
      <label class="checkbox">
        <input type="checkbox" checked={value.breachedOnly} onChange={(event) => set({ breachedOnly: event.currentTarget.checked })} />
        Breached only
      </label>
    </form>
  );
}
