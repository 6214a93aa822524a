import { useState } from 'preact/hooks';
import { SLA_GROUPINGS, type SlaGrouping } from '@escalade/domain';
import type { SlaCounts } from '@escalade/contract';
import { errorMessage } from '../api/api-error';
import { Link } from '../routing/navigation';
import { monthlyReportHref } from '../routing/routes';
import { ErrorBanner } from '../ui/error-banner';
import { SlaCharts } from './sla-charts';
import { GROUPING_LABELS } from './sla-charts-data';
import { lastDays, onTimeShare, periodRange, type Period } from './sla-period';
import { downloadCsv, useSlaReport } from './use-sla-report';

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
  const [groupBy, setGroupBy] = useState<SlaGrouping>('week');
  const [csvError, setCsvError] = useState<string>();
  const range = periodRange(period);
  const query = range && { ...range, groupBy };
  const { report: summary, error } = useSlaReport(query);
  const saveCsv = () =>
    query && downloadCsv(query, `sla-${groupBy}-${period.from}-${period.to}.csv`).then(() => setCsvError(undefined), (err: unknown) => setCsvError(errorMessage(err)));

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
        <label>
          Charts by
          <select value={groupBy} onChange={(event) => setGroupBy(event.currentTarget.value as SlaGrouping)}>
            {SLA_GROUPINGS.map((grouping) => (
              <option key={grouping} value={grouping}>
                {GROUPING_LABELS[grouping]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={saveCsv} disabled={!query}>
          Download CSV
        </button>
        <Link href={monthlyReportHref({})}>Monthly report per customer</Link>
      </form>
      <ErrorBanner message={range ? undefined : 'Choose a start date on or before the end date.'} />
      <ErrorBanner message={error ?? csvError} />
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
      {summary && summary.measures.groupBy === groupBy && <SlaCharts measures={summary.measures} />}
    </section>
  );
}
