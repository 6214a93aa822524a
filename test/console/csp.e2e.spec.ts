import type { ConsoleMessage } from 'playwright-core';
import { onEscaladeSystem } from '../support/escalade-system';
import { builtConsole, onChromiumTab } from './browser';
import { openTicket, PARTNER_A, signInThroughLink } from './console-session';

const TEST_TIMEOUT_MS = 30_000;

// Page scripts, as text: this project's tests are type-checked without the DOM's types.
const REPORT_VIOLATIONS = `document.addEventListener('securitypolicyviolation', (event) =>
  window.reportViolation({ directive: event.violatedDirective, blocked: event.blockedURI }));`;
const INJECT_INLINE_SCRIPT_AND_STYLE = `(() => {
  const script = document.createElement('script');
  script.textContent = 'window.inlineScriptRan = true';
  document.head.append(script);
  const style = document.createElement('style');
  style.textContent = 'body { background: red }';
  document.head.append(style);
})()`;

interface Violation {
  page: string;
  directive: string;
  blocked: string;
}

/**
 * The console's pages in Chromium under the API's Content-Security-Policy (script-src 'self', no inline style): every
 * page must work without a single violation. Each `securitypolicyviolation` event and each CSP error on the console
 * is recorded, across navigations.
 */
describe("the console in Chromium under the API's Content-Security-Policy", () => {
  const tab = onChromiumTab();
  const e2e = onEscaladeSystem({ MICROSOFT_SUPPORT: 'in-process', CONSOLE_DIR: builtConsole() });
  let violations: Violation[];
  let consoleErrors: string[];

  beforeAll(async () => {
    await openTicket(e2e.system, 'csp-1', { severity: 'B' });
    await e2e.system.waitForTicket('csp-1', (t) => t.status === 'awaiting-response');
  });

  beforeEach(async () => {
    violations = [];
    consoleErrors = [];
    await tab.page.exposeBinding('reportViolation', ({ page }, violation: Omit<Violation, 'page'>) => {
      violations.push({ page: new URL(page.url()).pathname, ...violation });
    });
    // Runs in every document before its own scripts (as DevTools does: CSP does not apply to it).
    await tab.page.addInitScript({ content: REPORT_VIOLATIONS });
    tab.page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) consoleErrors.push(message.text());
    });
  });

  /** Violations are reported asynchronously: a moment for the last ones to arrive. */
  const settled = () => tab.page.waitForTimeout(300);

  it('records a violation when the policy blocks something: an inline script and an inline style injected into the page', async () => {
    await tab.page.goto(`${e2e.system.url}/sign-in`);
    await tab.page.evaluate(INJECT_INLINE_SCRIPT_AND_STYLE);
    await settled();

    expect(await tab.page.evaluate('window.inlineScriptRan')).toBeUndefined();
    expect(violations.map((v) => v.directive).sort()).toEqual(['script-src-elem', 'style-src-elem']);
    expect(consoleErrors.length).toBeGreaterThan(0);
  }, TEST_TIMEOUT_MS);

  it('shows the sign-in page, the board, a ticket, the intake form and the SLA report with no violation', async () => {
    await tab.page.goto(`${e2e.system.url}/sign-in`);
    await tab.page.getByLabel('API key').waitFor();
    await tab.page.goto('about:blank'); // the sign-in link is the same page: only its fragment would change

    await signInThroughLink(tab.page, e2e.system);
    await tab.page.getByTestId('live-status').getByText('Live').waitFor();
    await tab.page.locator('[data-testid="ticket-row"][data-ticket-id="csp-1"]').waitFor();

    await tab.page.goto(`${e2e.system.url}/tickets/csp-1?partnerTenantId=${PARTNER_A}`);
    await tab.page.getByTestId('sla-bar').waitFor();
    await tab.page.getByTestId('now-mark').waitFor(); // positioned by a style the page sets: the CSSOM, which CSP allows
    await tab.page.getByTestId('timeline-event').first().waitFor();

    await tab.page.goto(`${e2e.system.url}/tickets/new`);
    await tab.page.getByRole('button', { name: 'Check eligibility' }).click();
    await tab.page.getByTestId('intake-title-error').waitFor(); // the API's problems shown by their fields

    await tab.page.goto(`${e2e.system.url}/sla`);
    await tab.page.getByTestId('sla-row-total').waitFor();
    await settled();

    expect(violations).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it('shows Swagger UI at /docs under its own policy with no violation', async () => {
    await tab.page.goto(`${e2e.system.url}/docs`);
    await tab.page.locator('.swagger-ui .opblock').first().waitFor();
    await settled();

    expect(violations).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, TEST_TIMEOUT_MS);
});
