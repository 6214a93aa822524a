// The follow-up targets in the console (issue 19): Microsoft asks for information through the simulator, the ticket page
// shows that we owe the reply with Microsoft's clock paused, and a note sent from the page resumes it.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startSimulator, type RunningSimulator } from '@escalade/ms-simulator/testing';
import { EscaladeSystem } from '../support/escalade-system';
import { startDevServer } from '../support/temporal-servers';
import { builtConsole, onChromiumTab, saveScreenshot } from './browser';
import { openTicket, PARTNER_A, signInThroughLink } from './console-session';

// Severity B's reply target (4 business hours) stays far off whatever the day: nothing runs late during the test.
const TIME_SCALE = 0.001;
const TEST_TIMEOUT_MS = 40_000;

describe('follow-up targets on the ticket page, with Microsoft played by the simulator', () => {
  const tab = onChromiumTab();
  let env: TestWorkflowEnvironment;
  let simulator: RunningSimulator;
  let system: EscaladeSystem;

  beforeAll(async () => {
    simulator = await startSimulator({ SIMULATOR_TIME_SCALE: '1', SIMULATOR_SEED: '7' });
    env = await startDevServer();
    system = new EscaladeSystem(env, {
      SLA_TIME_SCALE: String(TIME_SCALE),
      MICROSOFT_SUPPORT: 'simulator',
      PARTNER_CENTER_URL: simulator.baseUrl,
      PARTNER_CENTER_TOKEN: simulator.accessToken(),
      MICROSOFT_POLL_INTERVAL_MS: '200',
      CONSOLE_DIR: builtConsole(),
    });
    await system.start();
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
    await env?.teardown();
    await simulator?.app.close();
  });

  it('shows our reply owed and the paused clock, and resumes Microsoft’s clock on a note sent from the page', async () => {
    await openTicket(system, 'console-follow-up-1', { severity: 'B' });
    const filed = await system.waitForTicket('console-follow-up-1', (t) => t.status === 'awaiting-response');
    const asked = await fetch(`${simulator.baseUrl}/simulator/servicerequests/${filed.handoff!.microsoftTicketId}/answer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ attentionNeeded: true }),
    });
    expect(asked.ok).toBe(true);
    await system.waitForTicket('console-follow-up-1', (t) => t.followUp?.target === 'partner-reply');

    await signInThroughLink(tab.page, system);
    await tab.page.goto(`${system.url}/tickets/console-follow-up-1?partnerTenantId=${PARTNER_A}`);
    const card = tab.page.getByTestId('follow-up');
    await card.and(tab.page.locator('[data-target="partner-reply"]')).waitFor();
    expect(await card.getByTestId('follow-up-owed').innerText()).toBe('We owe Microsoft a reply: its clock is paused (round 1)');
    await card.getByTestId('follow-up-bar').getByTestId('paused-span').waitFor();
    expect(await card.getByTestId('pause').innerText()).toMatch(/^Microsoft's clock paused .* – now$/);
    await saveScreenshot(tab.page, 'ticket-reply-owed');

    await tab.page.getByLabel('Message to Microsoft').fill('The subscription id is 0000-1111');
    await tab.page.getByRole('button', { name: 'Send to Microsoft' }).click();
    await card.and(tab.page.locator('[data-target="microsoft-update"]')).waitFor({ timeout: 10_000 });
    expect(await card.getByTestId('follow-up-owed').innerText()).toBe('Microsoft owes its next update (round 2)');
    expect(await card.getByTestId('pause').innerText()).not.toMatch(/now$/);
    expect(await card.getByTestId('follow-up-misses').innerText()).toBe('Missed: Microsoft 0, us 0');
    await tab.page.locator('[data-testid="timeline-event"][data-type="MicrosoftClockResumed"]').waitFor();

    const { body: ticket } = await system.http().get('/service-requests/console-follow-up-1').expect(200);
    expect(ticket.pauses).toEqual([{ from: ticket.respondedAt, to: ticket.followUp.startsAt }]);
  }, TEST_TIMEOUT_MS);
});
