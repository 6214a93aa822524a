// What each chart of the SLA page draws, from the report's measures: pure, so the numbers are tested without a canvas.
import { PRODUCT_LABELS, type Product } from '@escalade/domain';
import type { SlaGrouping, SlaMeasureGroup, SlaMeasures } from '@escalade/contract';

export interface ChartSeries {
  label: string;
  /** One value per group; null where nothing was measured (no bar drawn). */
  values: Array<number | null>;
}

export interface ChartData {
  id: string;
  title: string;
  unit: string;
  labels: string[];
  series: ChartSeries[];
}

export const GROUPING_LABELS: Record<SlaGrouping, string> = {
  week: 'Week',
  severity: 'Severity',
  product: 'Product',
  customer: 'Customer',
};

/** A group's name on the axis: the week's Monday, "Severity A", the product's name, the customer's domain. */
export function groupLabel(groupBy: SlaGrouping, key: string): string {
  switch (groupBy) {
    case 'week':
      return `Week of ${key}`;
    case 'severity':
      return `Severity ${key}`;
    case 'product':
      return PRODUCT_LABELS[key as Product] ?? key;
    case 'customer':
      return key;
  }
}

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);
const pick = (groups: SlaMeasureGroup[], value: (group: SlaMeasureGroup) => number | null) => groups.map(value);

/** The four charts: breach rate, time to first response, time to resolution (paused time excluded), paused time and misses. */
export function slaCharts({ groupBy, groups }: SlaMeasures): ChartData[] {
  const labels = groups.map((group) => groupLabel(groupBy, group.key));
  return [
    {
      id: 'breach-rate',
      title: 'Breach rate',
      unit: '%',
      labels,
      series: [{ label: 'Breached, of the tickets with a target', values: pick(groups, (group) => percent(group.breachRate)) }],
    },
    {
      id: 'first-response',
      title: 'Time to first response',
      unit: 'min',
      labels,
      series: [
        { label: 'p50', values: pick(groups, (group) => group.firstResponse.p50) },
        { label: 'p90', values: pick(groups, (group) => group.firstResponse.p90) },
      ],
    },
    {
      id: 'resolution',
      title: 'Time to resolution, paused time excluded',
      unit: 'min',
      labels,
      series: [
        { label: 'p50', values: pick(groups, (group) => group.resolution.p50) },
        { label: 'p90', values: pick(groups, (group) => group.resolution.p90) },
      ],
    },
    {
      id: 'paused',
      title: "Microsoft's clock paused, and follow-up rounds missed",
      unit: 'min / rounds',
      labels,
      series: [
        { label: 'Paused (min)', values: pick(groups, (group) => group.pausedMinutes) },
        { label: 'Missed by Microsoft', values: pick(groups, (group) => group.updateMisses) },
        { label: 'Missed by us', values: pick(groups, (group) => group.replyMisses) },
      ],
    },
  ];
}
