import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ServiceRequestOverrides } from '@escalade/domain';
import { startWebhookReceiver } from '@escalade/persistence';
import { EscaladeSystem } from '../support/escalade-system';
import { startDevServer } from '../support/temporal-servers';
import { builtConsole, launchChromium, saveScreenshot } from './browser';
import { openTicket as openTicketAs, PARTNER_A, signInThroughLink } from './console-session';

// 0.001 turns severity A's 2 hours into 7.2 seconds (B 14.4 s, C 28.8 s): breaches happen during the test.
const TIME_SCALE = 0.001;
// Given per test: under the root config (`npm test`, every project) a project's `testTimeout` does not apply.
const TEST_TIMEOUT_MS = 30_000;

describe('the coordinator console in Chromium, on the real API, worker and Temporal dev server', () => {
  let env: TestWorkflowEnvironment;
  let system: EscaladeSystem;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  const http = () => system.http();

  const openTicket = (requestId: string, overrides: ServiceRequestOverrides) => openTicketAs(system, requestId, overrides);
  const row = (id: string, attributes = '') => page.locator(`[data-testid="ticket-row"][data-ticket-id="${id}"]${attributes}`);
  const timelineEntry = (type: string) => page.locator(`[data-testid="timeline-event"][data-type="${type}"]`);

  /** The board, signed in as the local admin through the sign-in link, once its list is loaded and it follows the event stream. */
  async function openBoard(): Promise<void> {
    await signInThroughLink(page, system);
    await page.getByTestId('live-status').getByText('Live').waitFor();
  }

  /** Signed in as the local admin, on a ticket's page (a ticket of aServiceRequest()'s partner tenant). */
  async function openTicketPage(id: string): Promise<void> {
    await signInThroughLink(page, system);
    await page.goto(`${system.url}/tickets/${id}?partnerTenantId=${PARTNER_A}`);
  }

  beforeAll(async () => {
    [env, browser] = await Promise.all([startDevServer(), launchChromium()]);
    system = new EscaladeSystem(env, {
      SLA_TIME_SCALE: String(TIME_SCALE),
      MICROSOFT_SUPPORT: 'in-process',
      CONSOLE_DIR: builtConsole(),
    });
    await system.start();
    // A worker's first workflow takes a second or two more than the next ones (it loads the workflow code).
    await openTicket('console-warm-up', { severity: 'C' });
    await system.waitForTicket('console-warm-up', (t) => t.status === 'awaiting-response');
    await http().post('/service-requests/console-warm-up/cancel').expect(202);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await env?.teardown();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterEach(async () => {
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it('shows a new ticket on the board within a second of its creation', async () => {
    await openBoard();
    await openTicket('console-new-1', { severity: 'B', customer: { name: 'Northwind Traders', domain: 'northwind.io' } });

    await row('console-new-1').waitFor({ timeout: 1_000 });
    expect(await row('console-new-1').innerText()).toContain('Northwind Traders');
    // then filed with Microsoft: the ticket number and a running countdown arrive live too
    await row('console-new-1').getByText(/^\d+$/).waitFor({ timeout: 5_000 });
    const timeLeft = row('console-new-1').getByTestId('time-left');
    const first = await timeLeft.innerText();
    expect(first).toMatch(/^\d+s$/);
    await page.waitForTimeout(1_100);
    expect(await timeLeft.innerText()).not.toBe(first);

    await page.getByLabel('Severity').selectOption('A');
    await row('console-new-1').waitFor({ state: 'detached' });
    await page.getByLabel('Customer').fill('northwind');
    await page.getByLabel('Severity').selectOption('');
    await row('console-new-1').waitFor();
  }, TEST_TIMEOUT_MS);

  it('marks a breach live on the board, and shows the escalation on the ticket page', async () => {
    const receiver = await startWebhookReceiver([200]);
    const { body: subscription } = await http()
      .post('/alert-subscriptions')
      .send({ url: receiver.url, secret: 'console-e2e-webhook-secret', severities: ['A'] })
      .expect(201);
    try {
      await openBoard();
      await openTicket('console-breach-1', { severity: 'A' });
      await openTicket('console-calm-1', { severity: 'C', customer: { name: 'Adventure Works', domain: 'adventure-works.com' } });

      // the breach warning (a quarter of the window left), then the due time: the row stands out, then turns red
      await row('console-breach-1', '[data-urgency="at-risk"]').waitFor({ timeout: 10_000 });
      await row('console-breach-1', '[data-urgency="breached"]').waitFor({ timeout: 5_000 });
      await row('console-breach-1').getByText('Breached').waitFor();
      await row('console-breach-1').getByTestId('escalation-level').getByText('Level 1').waitFor({ timeout: 5_000 });
      expect(await row('console-breach-1').getByTestId('time-left').innerText()).toMatch(/^late by \d+s$/);
      expect(await row('console-calm-1').getAttribute('data-urgency')).toBe('on-track');
      await saveScreenshot(page, 'board', 'console-board.png');

      await row('console-breach-1').getByRole('link').click();
      await page.waitForURL(`${system.url}/tickets/console-breach-1?partnerTenantId=${PARTNER_A}`);
      await timelineEntry('SlaBreached').waitFor();
      await timelineEntry('Escalated').first().waitFor();
      expect(await timelineEntry('Escalated').first().innerText()).toContain('Escalated to level 1: coordinators');
      const sla = page.getByTestId('sla-bar');
      await sla.locator('[data-testid="escalation-mark-1"][data-state="raised"]').waitFor();
      expect(await sla.locator('[data-testid^="escalation-mark-"]').count()).toBe(3); // the ladder: raised or planned
      expect(await sla.getAttribute('data-phase')).toBe('breached');
      expect(await page.getByTestId('ticket-time-left').innerText()).toMatch(/^late by/);
      expect(await page.getByTestId('eligibility-decision').innerText()).toBe('Eligible');
      expect(await page.getByTestId('handoff-link').getAttribute('href')).toBe('https://portal.azure.com/#@contoso.com');
      expect(await page.getByRole('link', { name: 'Open in Temporal UI' }).getAttribute('href')).toContain(
        `/workflows/service-request-${PARTNER_A}~console-breach-1`,
      );
      await page.locator('[data-testid="alert-delivery"][data-status="delivered"]').first().waitFor({ timeout: 10_000 });
      await saveScreenshot(page, 'ticket-breached', 'console-ticket.png');
    } finally {
      await http().delete(`/alert-subscriptions/${subscription.id}`).expect(204);
      await receiver.close();
    }
  }, TEST_TIMEOUT_MS);

  it('shows what the API refuses next to the field and changes nothing; a conflict on the form', async () => {
    await openTicket('console-actions-1', { severity: 'C' });
    const before = await system.waitForTicket('console-actions-1', (t) => t.status === 'awaiting-response');
    await openTicketPage('console-actions-1');

    await page.getByLabel('New severity').selectOption('A');
    await page.getByLabel('Changed by').fill('dana@fabrikam.com');
    await page.getByRole('button', { name: 'Change severity' }).click();
    const reason = page.getByLabel('Reason');
    await page.getByTestId('severity-reason-error').getByText('reason must not be blank').waitFor();
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await reason.getAttribute('aria-describedby')).toBe('severity-reason-error');
    expect(await page.locator('.field', { has: reason }).getByText('reason must not be blank').count()).toBe(1);
    expect(await page.getByTestId('severity-changed-by-error').count()).toBe(0);

    await page.getByRole('button', { name: 'Close ticket' }).click();
    await page.getByTestId('close-resolution-error').getByText('resolution must not be blank').waitFor();
    expect(await page.getByLabel('Resolution').getAttribute('aria-describedby')).toBe('close-resolution-error');
    await saveScreenshot(page, 'ticket-validation-errors');

    const { body: after } = await http().get('/service-requests/console-actions-1').expect(200);
    expect(after).toMatchObject({ severity: 'C', status: 'awaiting-response', responseDueAt: before.responseDueAt });
    const { body: timeline } = await http().get('/service-requests/console-actions-1/timeline').expect(200);
    expect(timeline.events.map((e: { type: string }) => e.type)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/SeverityChanged|ServiceRequestClosed/)]),
    );

    // the same severity again is a conflict with the ticket's state: the form says so as a whole
    await page.getByLabel('New severity').selectOption('C');
    await reason.fill('The customer found a workaround');
    await page.getByRole('button', { name: 'Change severity' }).click();
    await page.getByTestId('severity-error').getByText(/severity is already C/).waitFor();
    expect(await page.getByTestId('severity-reason-error').count()).toBe(0);

    await page.getByLabel('Note').fill('Engineer assigned');
    await page.getByRole('button', { name: 'Record response' }).click();
    // the timeline records who did it from the session: the local admin's key signed this console in
    await timelineEntry('MicrosoftResponded').getByText('Microsoft responded, recorded by local admin: Engineer assigned').waitFor();
    await page.getByTestId('ticket-time-left').getByText('answered', { exact: true }).waitFor();

    await page.getByLabel('Resolution').fill('Microsoft restored the service');
    await page.getByRole('button', { name: 'Close ticket' }).click();
    await timelineEntry('ServiceRequestClosed').waitFor();
    await page.locator('.ticket-meta').getByText('Resolved', { exact: true }).waitFor();
    await page.locator('.resolution').getByText('Microsoft restored the service').waitFor();
  }, TEST_TIMEOUT_MS);

  it('summarises the tickets opened, met and breached per severity over the last 7 days', async () => {
    await openTicket('console-sla-1', { severity: 'B' });
    await system.waitForTicket('console-sla-1', (t) => t.status === 'awaiting-response');
    await signInThroughLink(page, system);
    await page.goto(`${system.url}/sla`);

    const today = new Date();
    const localDate = (date: Date) => date.toLocaleDateString('sv'); // YYYY-MM-DD
    const start = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 6);
    expect(await page.getByLabel('From').inputValue()).toBe(localDate(start));
    expect(await page.getByLabel('To').inputValue()).toBe(localDate(today));

    const end = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
    const cells = (testId: string) => page.getByTestId(testId).locator('td[data-column]').allInnerTexts();
    const counts = (row: Record<string, number>) =>
      ['opened', 'met', 'breached', 'pending', 'cancelled', 'noTarget'].map((key) => String(row[key]));
    type Report = { total: Record<string, number>; bySeverity: Array<Record<string, number> & { severity: string }> };
    /** The API's report and the page's rows, read one after the other. */
    const readBoth = async () => {
      const report: Report = (await http().get('/reports/sla').query({ from: start.toISOString(), to: end.toISOString() }).expect(200)).body;
      await page.reload();
      await page.getByTestId('sla-row-total').waitFor();
      const rows = [report.total, ...report.bySeverity];
      const ids = ['sla-row-total', ...report.bySeverity.map((row) => `sla-row-${row.severity}`)];
      const shown = await Promise.all(ids.map(async (id) => (await cells(id)).slice(0, 6)));
      return { report, expected: rows.map(counts), shown };
    };
    // Earlier tests' tickets may still be closing: their counts move until the read model has caught up.
    let both = await readBoth();
    for (let tries = 0; tries < 20 && JSON.stringify(both.shown) !== JSON.stringify(both.expected); tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      both = await readBoth();
    }
    expect(both.report.total.opened).toBeGreaterThanOrEqual(1);
    expect(both.shown).toEqual(both.expected);
    await saveScreenshot(page, 'sla-summary');
  }, TEST_TIMEOUT_MS);
});
