import type { ServiceRequestOverrides } from '@escalade/domain/testing';
import { startWebhookReceiver } from '@escalade/alerting/testing';
import { onEscaladeSystem } from '../support/escalade-system';
import { builtConsole, onChromiumTab, saveScreenshot } from './browser';
import { openTicket as openTicketAs, PARTNER_A, signInThroughLink } from './console-session';

// 0.001 turns severity A's 2 hours into 7.2 seconds (B 14.4 s, C 28.8 s): breaches happen during the test.
const TIME_SCALE = 0.001;
// Given per test: under the root config (`npm test`, every project) a project's `testTimeout` does not apply.
const TEST_TIMEOUT_MS = 30_000;

describe('the coordinator console in Chromium, on the real API, worker and Temporal dev server', () => {
  const tab = onChromiumTab();
  const e2e = onEscaladeSystem({ SLA_TIME_SCALE: String(TIME_SCALE), MICROSOFT_SUPPORT: 'in-process', CONSOLE_DIR: builtConsole() });
  const http = () => e2e.system.http();

  const openTicket = (requestId: string, overrides: ServiceRequestOverrides) => openTicketAs(e2e.system, requestId, overrides);
  const row = (id: string, attributes = '') => tab.page.locator(`[data-testid="ticket-row"][data-ticket-id="${id}"]${attributes}`);
  const timelineEntry = (type: string) => tab.page.locator(`[data-testid="timeline-event"][data-type="${type}"]`);

  /** The board, signed in as the local admin through the sign-in link, once its list is loaded and it follows the event stream. */
  async function openBoard(): Promise<void> {
    await signInThroughLink(tab.page, e2e.system);
    await tab.page.getByTestId('live-status').getByText('Live').waitFor();
  }

  /** Signed in as the local admin, on a ticket's page (a ticket of aServiceRequest()'s partner tenant). */
  async function openTicketPage(id: string): Promise<void> {
    await signInThroughLink(tab.page, e2e.system);
    await tab.page.goto(`${e2e.system.url}/tickets/${id}?partnerTenantId=${PARTNER_A}`);
  }

  // A worker's first workflow takes a second or two more than the next ones (it loads the workflow code).
  beforeAll(async () => {
    await openTicket('console-warm-up', { severity: 'C' });
    await e2e.system.waitForTicket('console-warm-up', (t) => t.status === 'awaiting-response');
    await http().post('/service-requests/console-warm-up/cancel').expect(202);
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
    await tab.page.waitForTimeout(1_100);
    expect(await timeLeft.innerText()).not.toBe(first);

    await tab.page.getByLabel('Severity').selectOption('A');
    await row('console-new-1').waitFor({ state: 'detached' });
    await tab.page.getByLabel('Customer').fill('northwind');
    await tab.page.getByLabel('Severity').selectOption('');
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
      await saveScreenshot(tab.page, 'board', 'console-board.png');

      await row('console-breach-1').getByRole('link').click();
      await tab.page.waitForURL(`${e2e.system.url}/tickets/console-breach-1?partnerTenantId=${PARTNER_A}`);
      await timelineEntry('SlaBreached').waitFor();
      await timelineEntry('Escalated').first().waitFor();
      expect(await timelineEntry('Escalated').first().innerText()).toContain('Escalated to level 1: coordinators');
      const sla = tab.page.getByTestId('sla-bar');
      await sla.locator('[data-testid="escalation-mark-1"][data-state="raised"]').waitFor();
      expect(await sla.locator('[data-testid^="escalation-mark-"]').count()).toBe(3); // the ladder: raised or planned
      expect(await sla.getAttribute('data-phase')).toBe('breached');
      expect(await tab.page.getByTestId('ticket-time-left').innerText()).toMatch(/^late by/);
      expect(await tab.page.getByTestId('eligibility-decision').innerText()).toBe('Eligible');
      expect(await tab.page.getByTestId('handoff-link').getAttribute('href')).toBe('https://portal.azure.com/#@contoso.com');
      expect(await tab.page.getByRole('link', { name: 'Open in Temporal UI' }).getAttribute('href')).toContain(
        `/workflows/service-request-${PARTNER_A}~console-breach-1`,
      );
      await tab.page.locator('[data-testid="alert-delivery"][data-status="delivered"]').first().waitFor({ timeout: 10_000 });
      await saveScreenshot(tab.page, 'ticket-breached', 'console-ticket.png');
    } finally {
      await http().delete(`/alert-subscriptions/${subscription.id}`).expect(204);
      await receiver.close();
    }
  }, TEST_TIMEOUT_MS);

  it("shows an alert held for its recipient's quiet hours, on the timeline and among the alerts sent, until their opening", async () => {
    const receiver = await startWebhookReceiver([200]);
    // One working hour a day, half a day away: the warning comes well outside it.
    const start = ((new Date().getUTCHours() + 12) % 24) * 60;
    const hour: Array<[number, number]> = [[start, start + 60]];
    const calendar = { timeZone: 'UTC', week: { 1: hour, 2: hour, 3: hour, 4: hour, 5: hour, 6: hour, 7: hour } };
    const { body: subscription } = await http()
      .post('/alert-subscriptions')
      .send({ url: receiver.url, secret: 'console-e2e-webhook-secret', customers: ['quiet.example'], kinds: ['warning'], calendar })
      .expect(201);
    try {
      await openTicket('console-quiet-1', { severity: 'B', customer: { name: 'Quiet Hours Ltd', domain: 'quiet.example' } });
      await openTicketPage('console-quiet-1');
      const held = tab.page.locator('[data-testid="alert-delivery"][data-status="held"]');
      await held.waitFor({ timeout: 20_000 });
      await timelineEntry('AlertHeld').waitFor();
      expect(await timelineEntry('AlertHeld').innerText()).toContain("Alert held for the recipient's quiet hours (warning) until");
      const { body } = await http().get('/alerts?ticketId=console-quiet-1').expect(200);
      expect(body.items).toEqual([expect.objectContaining({ kind: 'warning', status: 'held', attemptCount: 0 })]);
      expect(new Date(body.items[0].heldUntil).getUTCMinutes()).toBe(0);
      expect(await held.getByTestId('held-until').innerText()).toMatch(/until .*\d{2}:00:00/);
      expect(receiver.received).toEqual([]);
    } finally {
      await http().delete(`/alert-subscriptions/${subscription.id}`).expect(204);
      await receiver.close();
    }
  }, TEST_TIMEOUT_MS);

  it('shows what the API refuses next to the field and changes nothing; a conflict on the form', async () => {
    await openTicket('console-actions-1', { severity: 'C' });
    const before = await e2e.system.waitForTicket('console-actions-1', (t) => t.status === 'awaiting-response');
    await openTicketPage('console-actions-1');

    await tab.page.getByLabel('New severity').selectOption('A');
    await tab.page.getByLabel('Changed by').fill('dana@fabrikam.com');
    await tab.page.getByRole('button', { name: 'Change severity' }).click();
    const reason = tab.page.getByLabel('Reason');
    await tab.page.getByTestId('severity-reason-error').getByText('reason must not be blank').waitFor();
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await reason.getAttribute('aria-describedby')).toBe('severity-reason-error');
    expect(await tab.page.locator('.field', { has: reason }).getByText('reason must not be blank').count()).toBe(1);
    expect(await tab.page.getByTestId('severity-changed-by-error').count()).toBe(0);

    await tab.page.getByRole('button', { name: 'Close ticket' }).click();
    await tab.page.getByTestId('close-resolution-error').getByText('resolution must not be blank').waitFor();
    expect(await tab.page.getByLabel('Resolution').getAttribute('aria-describedby')).toBe('close-resolution-error');
    await saveScreenshot(tab.page, 'ticket-validation-errors');

    const { body: after } = await http().get('/service-requests/console-actions-1').expect(200);
    expect(after).toMatchObject({ severity: 'C', status: 'awaiting-response', responseDueAt: before.responseDueAt });
    const { body: timeline } = await http().get('/service-requests/console-actions-1/timeline').expect(200);
    expect(timeline.events.map((e: { type: string }) => e.type)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/SeverityChanged|ServiceRequestClosed/)]),
    );

    // the same severity again is a conflict with the ticket's state: the form says so as a whole
    await tab.page.getByLabel('New severity').selectOption('C');
    await reason.fill('The customer found a workaround');
    await tab.page.getByRole('button', { name: 'Change severity' }).click();
    await tab.page.getByTestId('severity-error').getByText(/severity is already C/).waitFor();
    expect(await tab.page.getByTestId('severity-reason-error').count()).toBe(0);

    await tab.page.getByLabel('Note').fill('Engineer assigned');
    await tab.page.getByRole('button', { name: 'Record response' }).click();
    // the timeline records who did it from the session: the local admin's key signed this console in
    await timelineEntry('MicrosoftResponded').getByText('Microsoft responded, recorded by local admin: Engineer assigned').waitFor();
    await tab.page.getByTestId('ticket-time-left').getByText('answered', { exact: true }).waitFor();

    await tab.page.getByLabel('Resolution').fill('Microsoft restored the service');
    await tab.page.getByRole('button', { name: 'Close ticket' }).click();
    await timelineEntry('ServiceRequestClosed').waitFor();
    await tab.page.locator('.ticket-meta').getByText('Resolved', { exact: true }).waitFor();
    await tab.page.locator('.resolution').getByText('Microsoft restored the service').waitFor();
  }, TEST_TIMEOUT_MS);

  it('summarises the tickets opened, met and breached per severity over the last 7 days', async () => {
    await openTicket('console-sla-1', { severity: 'B' });
    await e2e.system.waitForTicket('console-sla-1', (t) => t.status === 'awaiting-response');
    await signInThroughLink(tab.page, e2e.system);
    await tab.page.goto(`${e2e.system.url}/sla`);

    const today = new Date();
    const localDate = (date: Date) => date.toLocaleDateString('sv'); // YYYY-MM-DD
    const start = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 6);
    expect(await tab.page.getByLabel('From', { exact: true }).inputValue()).toBe(localDate(start));
    expect(await tab.page.getByLabel('To', { exact: true }).inputValue()).toBe(localDate(today));

    const end = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
    const cells = (testId: string) => tab.page.getByTestId(testId).locator('td[data-column]').allInnerTexts();
    const counts = (row: Record<string, number>) =>
      ['opened', 'met', 'breached', 'pending', 'cancelled', 'noTarget'].map((key) => String(row[key]));
    type Report = { total: Record<string, number>; bySeverity: Array<Record<string, number> & { severity: string }> };
    /** The API's report and the page's rows, read one after the other. */
    const readBoth = async () => {
      const report: Report = (await http().get('/reports/sla').query({ from: start.toISOString(), to: end.toISOString() }).expect(200)).body;
      await tab.page.reload();
      await tab.page.getByTestId('sla-row-total').waitFor();
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
    await saveScreenshot(tab.page, 'sla-summary');
  }, TEST_TIMEOUT_MS);
});
