import type { SlaMeasureGroup, SlaMeasures } from '@escalade/contract';
import { groupLabel, slaCharts } from './sla-charts-data';

const group = (key: string, overrides: Partial<SlaMeasureGroup> = {}): SlaMeasureGroup => ({
  key,
  opened: 4,
  withTarget: 4,
  breached: 1,
  breachRate: 0.25,
  firstResponse: { count: 3, p50: 42, p90: 118.5 },
  resolution: { count: 2, p50: 300, p90: 960 },
  pausedMinutes: 75,
  updateMisses: 2,
  replyMisses: 1,
  ...overrides,
});

describe('slaCharts', () => {
  it('draws each measure per group: the breach rate in percent, the times as p50 and p90, paused time and misses', () => {
    const measures: SlaMeasures = {
      groupBy: 'severity',
      groups: [group('A'), group('C', { breachRate: null, firstResponse: { count: 0, p50: null, p90: null } })],
      total: group('all'),
    };
    const charts = slaCharts(measures);
    expect(charts.map((chart) => chart.id)).toEqual(['breach-rate', 'first-response', 'resolution', 'paused']);
    expect(charts.every((chart) => chart.labels.join() === 'Severity A,Severity C')).toBe(true);
    expect(charts[0].series).toEqual([{ label: 'Breached, of the tickets with a target', values: [25, null] }]);
    expect(charts[1].series).toEqual([
      { label: 'p50', values: [42, null] },
      { label: 'p90', values: [118.5, null] },
    ]);
    expect(charts[2].series.map((series) => series.values)).toEqual([[300, 300], [960, 960]]);
    expect(charts[3].series.map((series) => series.values)).toEqual([[75, 75], [2, 2], [1, 1]]);
  });
});

describe('groupLabel', () => {
  it.each([
    ['week', '2026-11-16', 'Week of 2026-11-16'],
    ['severity', 'B', 'Severity B'],
    ['product', 'office365', 'Office 365'],
    ['customer', 'contoso.com', 'contoso.com'],
  ] as const)('names a %s group %s as %s', (groupBy, key, label) => {
    expect(groupLabel(groupBy, key)).toBe(label);
  });
});
