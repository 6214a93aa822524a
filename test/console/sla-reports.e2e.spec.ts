// The SLA reports in the console (issue 19): charts drawn with the API's numbers, the CSV export, the monthly report.
import * as fs from 'node:fs';
import type { SlaMeasureGroup, SlaReport } from '@escalade/contract';
import { onEscaladeSystem } from '../support/escalade-system';
import { builtConsole, onChromiumTab, saveScreenshot } from './browser';
import { openTicket, signInThroughLink } from './console-session';

// 0.001: severity A breaches 7.2 s after its filing.
const TIME_SCALE = 0.001;
const TEST_TIMEOUT_MS = 60_000;

type Drawn = Array<{ label: string; values: Array<number | null> }>;

describe('SLA charts, CSV and the monthly report in Chromium, on the real API, worker and Temporal dev server', () => {
  const tab = onChromiumTab();
  const e2e = onEscaladeSystem({ SLA_TIME_SCALE: String(TIME_SCALE), MICROSOFT_SUPPORT: 'in-process', CONSOLE_DIR: builtConsole() });
  const http = () => e2e.system.http();

  // Severity B answered after some seconds and closed, A left to breach, C answered: every chart has something to draw.
  beforeAll(async () => {
    for (const [id, severity] of [['report-b', 'B'], ['report-a', 'A'], ['report-c', 'C']] as const) {
      await openTicket(e2e.system, id, { severity });
      await e2e.system.waitForTicket(id, (t) => t.status === 'awaiting-response');
    }
    await new Promise((resolve) => setTimeout(resolve, 6_000)); // a tenth of a minute, within B's and C's targets
    for (const id of ['report-b', 'report-c']) {
      await http().post(`/service-requests/${id}/microsoft-response`).send({ note: 'Engineer assigned' }).expect(202);
      await e2e.system.waitForTicket(id, (t) => t.status === 'responded');
    }
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await http().post('/service-requests/report-b/close').send({ resolution: 'Fixed' }).expect(200);
    await e2e.system.waitForTicket('report-a', (t) => t.breached, 30_000);
  }, 90_000);

  /** The values each chart's bars stand for, read back from the canvas once drawn. */
  async function drawn(chartId: string): Promise<Drawn> {
    const canvas = tab.page.getByTestId(`chart-${chartId}`).locator('canvas');
    await canvas.and(tab.page.locator('[data-drawn]')).waitFor();
    return JSON.parse((await canvas.getAttribute('data-drawn')) as string) as Drawn;
  }

  /** Drawn ≈ the API's: a bar's height is read back to the pixel, so within 1 % of the axis (and its 0.01 rounding). */
  function expectDrawn(actual: Drawn, expected: Array<Array<number | null>>): void {
    const top = Math.max(1, ...expected.flat().map((value) => value ?? 0));
    expect(actual.map((series) => series.values.map((value) => value === null))).toEqual(expected.map((series) => series.map((value) => value === null)));
    actual.forEach((series, s) =>
      series.values.forEach((value, g) => {
        if (value !== null) expect(Math.abs(value - (expected[s][g] as number))).toBeLessThanOrEqual(top / 100 + 0.01);
      }),
    );
  }

  /** The report the page asked for: the SLA page's default period, the last 7 local days. */
  const lastSevenDays = () => {
    const today = new Date();
    return { from: new Date(today.getFullYear(), today.getMonth(), today.getDate() - 6), to: new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1) };
  };

  it('draws each measure per severity with the numbers the API reports, and exports them as its CSV', async () => {
    const { from, to } = lastSevenDays();
    const query = { from: from.toISOString(), to: to.toISOString(), groupBy: 'severity' };
    const report: SlaReport = (await http().get('/reports/sla').query(query).expect(200)).body;
    const groups = report.measures.groups;
    expect(groups.map((group) => group.key)).toEqual(['A', 'B', 'C']);
    expect(groups[0]).toMatchObject({ breached: 1, breachRate: 1 });
    expect(groups[1].resolution.count).toBe(1);
    expect(groups[1].firstResponse.p50).toBeGreaterThanOrEqual(0.1);

    await signInThroughLink(tab.page, e2e.system);
    await tab.page.goto(`${e2e.system.url}/sla`);
    await tab.page.getByLabel('Charts by').selectOption('severity');
    const of = (value: (group: SlaMeasureGroup) => number | null) => groups.map(value);
    expectDrawn(await drawn('breach-rate'), [of((group) => (group.breachRate === null ? null : group.breachRate * 100))]);
    expectDrawn(await drawn('first-response'), [of((group) => group.firstResponse.p50), of((group) => group.firstResponse.p90)]);
    expectDrawn(await drawn('resolution'), [of((group) => group.resolution.p50), of((group) => group.resolution.p90)]);
    expectDrawn(await drawn('paused'), [of((group) => group.pausedMinutes), of((group) => group.updateMisses), of((group) => group.replyMisses)]);
    await saveScreenshot(tab.page, 'sla-charts', 'console-sla-charts.png');

    const [download] = await Promise.all([tab.page.waitForEvent('download'), tab.page.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = fs.readFileSync((await download.path()) as string, 'utf8');
    const fromApi = (await http().get('/reports/sla').query(query).set('accept', 'text/csv').expect(200)).text;
    expect(csv).toBe(fromApi);
    expect(csv.split('\r\n')[1]).toMatch(/^A,1,1,1,1,/);
  }, TEST_TIMEOUT_MS);

  it("prints a customer's month week by week, with the month's total as the API reports it", async () => {
    const now = new Date();
    const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
    const range = { from: new Date(now.getFullYear(), now.getMonth(), 1).toISOString(), to: new Date(now.getFullYear(), now.getMonth() + 1, 1).toISOString() };
    const report: SlaReport = (await http().get('/reports/sla').query({ ...range, groupBy: 'week', customer: 'contoso.com' }).expect(200)).body;
    expect(report.measures.total.opened).toBe(3);

    await signInThroughLink(tab.page, e2e.system);
    await tab.page.goto(`${e2e.system.url}/sla/monthly?customer=contoso.com&month=${month}`);
    const total = tab.page.getByTestId('monthly-total');
    await total.waitFor();
    const cells = await total.locator('td').allInnerTexts();
    expect(cells.slice(0, 3)).toEqual([String(report.measures.total.opened), String(report.measures.total.breached), `${Math.round((report.measures.total.breachRate ?? 0) * 1000) / 10} %`]);
    expect(await tab.page.getByTestId('monthly-report').locator('tbody tr').count()).toBe(report.measures.groups.length);
    expectDrawn(await drawn('breach-rate'), [report.measures.groups.map((group) => (group.breachRate === null ? null : group.breachRate * 100))]);
    await tab.page.getByRole('button', { name: 'Print' }).waitFor();
    // Printed: the console's header and the form are left out.
    await tab.page.emulateMedia({ media: 'print' });
    expect(await tab.page.locator('.app-header').isVisible()).toBe(false);
    expect(await tab.page.getByLabel('Customer domain').isVisible()).toBe(false);
    await saveScreenshot(tab.page, 'sla-monthly-report');
  }, TEST_TIMEOUT_MS);
});
