import * as fs from 'node:fs';
import * as path from 'node:path';
import { processRegistry } from './process-registry';
import { PROJECTION_LAG, PROJECTION_PARKED, PROJECTION_PROGRESS, TICKETS_OPEN } from './series';

const DASHBOARD = path.resolve(__dirname, '../../../docs/grafana-dashboard.json');

describe('the sample Grafana dashboard (docs/grafana-dashboard.json)', () => {
  it('queries only Escalade series that exist', () => {
    const { panels } = JSON.parse(fs.readFileSync(DASHBOARD, 'utf8')) as { panels: Array<{ targets?: Array<{ expr: string }> }> };
    const queried = new Set(
      panels
        .flatMap((panel) => panel.targets ?? [])
        .flatMap(({ expr }) => expr.match(/escalade_\w+/g) ?? [])
        .map((name) => name.replace(/_(bucket|count|sum)$/, '')),
    );
    const scrapedGauges = [TICKETS_OPEN, PROJECTION_LAG, PROJECTION_PROGRESS, PROJECTION_PARKED];
    const defined = [...processRegistry.getMetricsAsArray(), ...scrapedGauges].map((series) => series.name);
    expect([...queried].filter((name) => !defined.includes(name))).toEqual([]);
    expect(queried.size).toBeGreaterThanOrEqual(10);
  });
});
