// The follow-up targets in the console (issue 19): Microsoft asks for information through the simulator, the ticket page
// shows that we owe the reply with Microsoft's clock paused, and a note sent from the page resumes it.
import { microsoftAnswers, onEscaladeWithSimulator } from '../support/simulated-microsoft';
import { builtConsole, onChromiumTab, saveScreenshot } from './browser';
import { openTicket, PARTNER_A, signInThroughLink } from './console-session';

// Severity B's reply target (4 business hours) stays far off whatever the day: nothing runs late during the test.
const TIME_SCALE = 0.001;
const TEST_TIMEOUT_MS = 40_000;

describe('follow-up targets on the ticket page, with Microsoft played by the simulator', () => {
  const tab = onChromiumTab();
  const e2e = onEscaladeWithSimulator({ SLA_TIME_SCALE: String(TIME_SCALE), CONSOLE_DIR: builtConsole() });

  it('shows our reply owed and the paused clock, and resumes Microsoft’s clock on a note sent from the page', async () => {
    const { system, simulator } = e2e;
    await openTicket(system, 'console-follow-up-1', { severity: 'B' });
    const filed = await system.waitForTicket('console-follow-up-1', (t) => t.status === 'awaiting-response');
    await microsoftAnswers(simulator, filed.handoff!.microsoftTicketId, true);
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
