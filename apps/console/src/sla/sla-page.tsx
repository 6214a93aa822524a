import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../api/api-error';
import { api } from '../api/client';
import type { SlaCounts, SlaSummary } from '@escalade/contract';
import { ErrorBanner } from '../ui/error-banner';
import { lastDays, onTimeShare, periodRange, type Period } from './sla-period';

const COLUMNS: Array<[keyof SlaCounts, string]> = [
  ['opened', 'Opened'],
  ['met', 'Met'],
  ['breached', 'Breached'],
  ['pending', 'Pending'],
  ['cancelled', 'Cancelled'],
  ['noTarget', 'No target'],
];

function CountCells({ counts }: { counts: SlaCounts }) {
  return (
    <>
      {COLUMNS.map(([key]) => (
        <td key={key} data-column={key} class="number">
          {counts[key]}
        </td>
      ))}
      <td data-column="onTime" class="number">
        {onTimeShare(counts)}
      </td>
    </>
  );
}

export function SlaPage() {
  const [period, setPeriod] = useState<Period>(() => lastDays(7, new Date()));
  const [summary, setSummary] = useState<SlaSummary>();
  const [error, setError] = useState<string>();
  const range = periodRange(period);

  useEffect(() => {
    if (!range) return;
    let current = true;
    api.slaSummary(range.from, range.to).then(
      (result) => {
        if (!current) return;
        setSummary(result);
        setError(undefined);
      },
      (err: unknown) => current && setError(errorMessage(err)),
    );
    return () => {
      current = false;
    };
  }, [range?.from, range?.to]);

  return (
    <section class="page">
      <header class="page-header">
        <h1>SLA summary</h1>
      </header>
      <form class="filters" aria-label="Period" onSubmit={(event) => event.preventDefault()}>
        <label>
          From
          <input
            type="date"
            value={period.from}
            max={period.to}
            onChange={(event) => setPeriod({ ...period, from: event.currentTarget.value })}
          />
        </label>
        <label>
          To
          <input
            type="date"
            value={period.to}
            min={period.from}
            onChange={(event) => setPeriod({ ...period, to: event.currentTarget.value })}
          />
        </label>
      </form>
      <ErrorBanner message={range ? undefined : 'Choose a start date on or before the end date.'} />
      <ErrorBanner message={error} />
      {summary && (
        <div class="card table-card sla-card">
          <table class="sla-summary" data-testid="sla-summary">
            <caption>Tickets opened from {period.from} to {period.to}, by severity</caption>
            <thead>
              <tr>
                <th scope="col">Severity</th>
                {COLUMNS.map(([key, label]) => (
                  <th key={key} scope="col" class="number">
                    {label}
                  </th>
                ))}
                <th scope="col" class="number">
                  On time
                </th>
              </tr>
            </thead>
            <tbody>
              {summary.bySeverity.map((row) => (
                <tr key={row.severity} data-testid={`sla-row-${row.severity}`}>
                  <th scope="row">{row.severity}</th>
                  <CountCells counts={row} />
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-testid="sla-row-total">
                <th scope="row">Total</th>
                <CountCells counts={summary.total} />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
