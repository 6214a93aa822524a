import { useMemo } from 'preact/hooks';
import type { SlaMeasures } from '@escalade/contract';
import { SlaChart } from './sla-chart';
import { slaCharts } from './sla-charts-data';

/** The report's measures as charts, one per measure, a bar per group. */
export function SlaCharts({ measures }: { measures: SlaMeasures }) {
  const charts = useMemo(() => slaCharts(measures), [measures]);
  if (measures.groups.length === 0) return <p class="empty">No ticket opened in the period.</p>;
  return (
    <div class="sla-charts" data-testid="sla-charts">
      {charts.map((chart) => (
        <SlaChart key={chart.id} chart={chart} />
      ))}
    </div>
  );
}
