import type { SlaMeasureGroup } from '@escalade/contract';
import { formatDuration } from '../format/duration';
import { navigate } from '../routing/navigation';
import { monthlyReportHref } from '../routing/routes';
import { ErrorBanner } from '../ui/error-banner';
import { SlaCharts } from './sla-charts';
import { groupLabel } from './sla-charts-data';
import { lastMonth, monthRange } from './sla-period';
import { useSlaReport } from './use-sla-report';

const MINUTE_MS = 60_000;
const minutes = (value: number | null) => (value === null ? '—' : formatDuration(value * MINUTE_MS));
const rate = (value: number | null) => (value === null ? '—' : `${Math.round(value * 1000) / 10} %`);
const monthName = (month: string) => new Date(`${month}-01T12:00:00`).toLocaleDateString(undefined, { month: 'long', year: 'numeric' });

/** The measures of one row of the report: the month's total, or one of its weeks. */
function MeasureCells({ group }: { group: SlaMeasureGroup }) {
  return (
    <>
      <td class="number">{group.opened}</td>
      <td class="number">{group.breached}</td>
      <td class="number">{rate(group.breachRate)}</td>
      <td class="number">{minutes(group.firstResponse.p50)}</td>
      <td class="number">{minutes(group.firstResponse.p90)}</td>
      <td class="number">{minutes(group.resolution.p50)}</td>
      <td class="number">{minutes(group.resolution.p90)}</td>
      <td class="number">{minutes(group.pausedMinutes)}</td>
      <td class="number">{group.updateMisses}</td>
      <td class="number">{group.replyMisses}</td>
    </>
  );
}

/**
 * A customer's month, week by week, to print (`/sla/monthly?customer=&month=`): its tickets' breach rate, times to first
 * response and to resolution (Microsoft's paused time excluded), paused time and follow-up rounds missed.
 */
export function MonthlyReportPage({ customer = '', month = lastMonth(new Date()) }: { customer?: string; month?: string }) {
  const range = monthRange(month);
  const { report, error } = useSlaReport(customer && range ? { ...range, groupBy: 'week', customer } : undefined);
  const choose = (next: { customer?: string; month?: string }) => navigate(monthlyReportHref({ customer, month, ...next }), { replace: true });
  return (
    <section class="page monthly-report">
      <header class="page-header">
        <h1>
          SLA report{customer && ` — ${customer}`} — {range ? monthName(month) : 'choose a month'}
        </h1>
        <button type="button" class="no-print" onClick={() => window.print()} disabled={!report}>
          Print
        </button>
      </header>
      <form class="filters no-print" aria-label="Customer and month" onSubmit={(event) => event.preventDefault()}>
        <label>
          Customer domain
          <input value={customer} placeholder="contoso.com" onChange={(event) => choose({ customer: event.currentTarget.value.trim() })} />
        </label>
        <label>
          Month
          <input type="month" value={month} onChange={(event) => choose({ month: event.currentTarget.value })} />
        </label>
      </form>
      <ErrorBanner message={customer ? undefined : "Enter the customer's domain."} />
      <ErrorBanner message={error} />
      {report && (
        <>
          <div class="card table-card">
            <table class="sla-summary" data-testid="monthly-report">
              <caption>Tickets of {report.customer} opened in {monthName(month)}, by week; times are p50 and p90</caption>
              <thead>
                <tr>
                  <th scope="col">Week</th>
                  <th scope="col" class="number">Opened</th>
                  <th scope="col" class="number">Breached</th>
                  <th scope="col" class="number">Breach rate</th>
                  <th scope="col" class="number">First response p50</th>
                  <th scope="col" class="number">p90</th>
                  <th scope="col" class="number">Resolution p50</th>
                  <th scope="col" class="number">p90</th>
                  <th scope="col" class="number">Paused</th>
                  <th scope="col" class="number">Missed by Microsoft</th>
                  <th scope="col" class="number">Missed by us</th>
                </tr>
              </thead>
              <tbody>
                {report.measures.groups.map((group) => (
                  <tr key={group.key} data-testid={`monthly-week-${group.key}`}>
                    <th scope="row">{groupLabel('week', group.key)}</th>
                    <MeasureCells group={group} />
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr data-testid="monthly-total">
                  <th scope="row">The month</th>
                  <MeasureCells group={report.measures.total} />
                </tr>
              </tfoot>
            </table>
          </div>
          <SlaCharts measures={report.measures} />
        </>
      )}
    </section>
  );
}
