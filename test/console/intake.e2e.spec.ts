// Intake in the console (issue 20): a coordinator fills the request on /tickets/new, previews what the workflow would
// decide (POST /eligibility/check), sees the API's problems by each field, and opens the ticket (POST /service-requests).
import type { Request, Response } from 'playwright-core';
import { onEscaladeSystem } from '../support/escalade-system';
import { builtConsole, onChromiumTab, saveScreenshot } from './browser';
import { PARTNER_A, signInThroughLink } from './console-session';

const TEST_TIMEOUT_MS = 30_000;
const TICKET_PAGE = new RegExp(`/tickets/([0-9a-f-]{36})\\?partnerTenantId=${PARTNER_A}$`);

// Page scripts, as text: this project's tests are type-checked without the DOM's types. Two submits before the page
// re-renders, so before its button is disabled: what a fast double click, or Enter pressed twice, does.
const SUBMIT_TWICE = `(() => {
  const form = document.querySelector('form.intake');
  form.requestSubmit();
  form.requestSubmit();
})()`;

const isPost = (path: string) => (request: Request) => request.method() === 'POST' && new URL(request.url()).pathname === path;

describe('the intake page in Chromium, on the real API, worker and Temporal dev server', () => {
  const tab = onChromiumTab();
  const e2e = onEscaladeSystem({ MICROSOFT_SUPPORT: 'in-process', CONSOLE_DIR: builtConsole() });
  const http = () => e2e.system.http();

  /** Signed in as the local admin (every partner tenant), on the intake page through the header's link. */
  async function openIntake(): Promise<void> {
    await signInThroughLink(tab.page, e2e.system);
    await tab.page.getByRole('navigation').getByRole('link', { name: 'New ticket' }).click();
    await tab.page.waitForURL(`${e2e.system.url}/tickets/new`);
  }

  const fill = (label: string, value: string) => tab.page.getByLabel(label).fill(value);

  /** aServiceRequest()'s request (an Azure break/fix for Contoso, by an indirect provider with admin rights), for `customer`. */
  async function fillRequest(customer: string): Promise<void> {
    await fill('Ticket title', 'Virtual machines unreachable');
    await fill('Description', 'Every VM in the production subscription stopped answering at 09:12 UTC.');
    await tab.page.getByLabel('Severity').selectOption('B');
    await fill('Customer name', customer);
    await fill('Customer domain', 'contoso.com');
    await fill('Customer tenant id', '11111111-1111-1111-1111-111111111111');
    await fill('Partner name', 'Fabrikam Cloud Services');
    await fill('Partner tenant id', PARTNER_A);
    await tab.page.getByLabel('Admin privileges on the customer').check();
    await fill('Contact name', 'Ada Support');
    await fill('Contact e-mail', 'ada@fabrikam.com');
  }

  /** Clicks `button` and waits for the API's answer to the POST it sends to `path`, shown (the button enabled again). */
  async function press(button: string, path: string): Promise<void> {
    const answered = tab.page.waitForResponse((response) => isPost(path)(response.request()));
    await tab.page.getByRole('button', { name: button }).click();
    await answered;
    await tab.page.locator('button:enabled', { hasText: button }).waitFor();
  }

  /** Checks eligibility and waits for the preview of `decision`. */
  async function checkEligibility(decision: string): Promise<void> {
    await press('Check eligibility', '/eligibility/check');
    await tab.page.locator(`[data-testid="eligibility-preview"][data-decision="${decision}"]`).waitFor();
  }

  /**
   * Follows the page's reads of a ticket (GET /service-requests/:id) from now on; the function returned resolves once
   * each has been answered. A test that ends on a ticket page awaits them: the system stops after the last test, and a
   * read still running then (a workflow query, for a ticket with no stored event yet) would outlive its Temporal client.
   */
  function followTicketReads(): () => Promise<unknown> {
    const reads: Array<Promise<unknown>> = [];
    tab.page.on('request', (request) => {
      if (request.method() === 'GET' && /^\/service-requests\/[^/]+$/.test(new URL(request.url()).pathname)) reads.push(request.response());
    });
    return () => Promise.all(reads);
  }

  /** The read model's tickets of a customer, once the projector has caught up with `atLeast` of them. */
  async function ticketsOf(customer: string, atLeast: number): Promise<Array<{ id: string }>> {
    for (const until = Date.now() + 10_000; ; ) {
      const { body } = await http().get(`/service-requests?${new URLSearchParams({ customer })}`).expect(200);
      if (body.items.length >= atLeast || Date.now() > until) return body.items;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('previews an eligible request with the portal it would go to, then opens it and shows its page', async () => {
    await openIntake();
    await fillRequest('Intake Eligible Ltd');
    await checkEligibility('eligible');
    const card = tab.page.getByTestId('eligibility-preview');
    expect(await card.getByTestId('preview-outcome').innerText()).toBe('Eligible It will be filed with Microsoft.');
    expect(await card.getByTestId('preview-reason').innerText()).toBe('Covered by the CSP support benefit (Azure, break/fix)');
    const portal = card.getByTestId('handoff-link');
    expect(await portal.innerText()).toBe('Azure portal');
    expect(await portal.getAttribute('href')).toBe('https://portal.azure.com/#@contoso.com');
    await saveScreenshot(tab.page, 'intake-eligible');

    // a change to the form dates the preview until it is checked again
    await tab.page.getByLabel('Incident type').selectOption('non-break-fix');
    await card.getByTestId('preview-stale').waitFor();
    await checkEligibility('eligible');
    expect(await card.getByTestId('preview-reason').innerText()).toBe('Covered by the CSP support benefit (Azure, non-break/fix)');
    expect(await card.getByTestId('preview-stale').count()).toBe(0);
    expect(await ticketsOf('Intake Eligible Ltd', 0)).toEqual([]); // checking opened nothing

    const ticketReadsAnswered = followTicketReads();
    await tab.page.getByRole('button', { name: 'Open ticket' }).click();
    await tab.page.waitForURL(TICKET_PAGE);
    const id = TICKET_PAGE.exec(tab.page.url())?.[1] as string;
    await tab.page.getByRole('heading', { name: 'Virtual machines unreachable' }).waitFor();
    await tab.page.getByTestId('eligibility-decision').getByText('Eligible').waitFor();
    const ticket = await e2e.system.waitForTicket(id, (t) => t.status === 'awaiting-response');
    expect(ticket).toMatchObject({ title: 'Virtual machines unreachable', customer: 'Intake Eligible Ltd', severity: 'B', partnerTenantId: PARTNER_A });
    await ticketReadsAnswered();
  }, TEST_TIMEOUT_MS);

  it('previews a refused phone request, and a marketplace one redirected to its ISV with every way to reach it', async () => {
    await openIntake();
    await fillRequest('Intake Refused Ltd');
    await tab.page.getByLabel('Channel').selectOption('phone');
    await checkEligibility('refused');
    const card = tab.page.getByTestId('eligibility-preview');
    expect(await card.getByTestId('preview-outcome').innerText()).toBe('Refused It will not be filed with Microsoft: the ticket closes as refused.');
    expect(await card.getByTestId('preview-reason').innerText()).toBe(
      'The program has no phone channel: service requests are filed through Partner Center',
    );
    expect(await card.getByTestId('handoff-link').count()).toBe(0);

    await tab.page.getByLabel('Channel').selectOption('portal');
    expect(await tab.page.getByTestId('marketplace-fields').count()).toBe(0); // only for a marketplace product
    await tab.page.getByLabel('Product').selectOption('marketplace');
    await fill('Marketplace offer', 'Acme Backup');
    await fill('Publisher (ISV)', 'Acme');
    await fill('ISV support page', 'https://acme.example/support');
    await fill('ISV support e-mail', 'help@acme.example');
    await fill('ISV support phone', '+1 555 0100');
    await checkEligibility('redirected');
    expect(await card.getByTestId('preview-reason').innerText()).toBe(
      '"Acme Backup" is a commercial-marketplace product and Microsoft gives no support for commercial-marketplace products: contact its publisher, Acme',
    );
    const target = card.getByTestId('redirect-target');
    expect(await target.innerText()).toBe('Acme · https://acme.example/support · help@acme.example · +1 555 0100');
    const links = await target.getByRole('link').all();
    expect(await Promise.all(links.map((link) => link.getAttribute('href')))).toEqual([
      'https://acme.example/support',
      'mailto:help@acme.example',
      'tel:+15550100',
    ]);
    expect(await card.getByTestId('handoff-link').count()).toBe(0);
    await saveScreenshot(tab.page, 'intake-redirected');
    expect(await ticketsOf('Intake Refused Ltd', 0)).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it("shows each of the API's problems next to its field, when checking and when opening, and opens nothing", async () => {
    await openIntake();
    await fill('Customer name', 'Intake Invalid Ltd');
    await fill('Customer domain', 'not a domain');
    const checked = tab.page.waitForRequest(isPost('/eligibility/check'));
    await press('Check eligibility', '/eligibility/check');
    // the problems the API names for the request the page sent, each shown by its field
    const { body } = await http().post('/eligibility/check').send((await checked).postDataJSON()).expect(400);
    const fields = body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'description', 'customer.domain', 'customer.tenantId', 'partner.tenantId', 'contact.email']));
    for (const { field, problems } of body.errors as Array<{ field: string; problems: string[] }>) {
      const id = `intake-${field.replaceAll('.', '-')}`;
      await tab.page.getByTestId(`${id}-error`).getByText(problems.join('; '), { exact: true }).waitFor();
      expect(await tab.page.locator(`#${id}`).getAttribute('aria-describedby')).toBe(`${id}-error`);
    }
    expect(await tab.page.getByTestId('intake-error').count()).toBe(0); // every problem is a field's
    expect(await tab.page.getByTestId('eligibility-preview').getAttribute('data-decision')).toBeNull();

    // fixed fields lose their problem; opening the ticket names the rest
    await fill('Customer domain', 'contoso.com');
    await fill('Ticket title', 'Virtual machines unreachable');
    await press('Open ticket', '/service-requests');
    await tab.page.getByTestId('intake-contact-email-error').waitFor();
    expect(await tab.page.getByTestId('intake-customer-domain-error').count()).toBe(0);
    expect(await tab.page.getByTestId('intake-title-error').count()).toBe(0);
    expect(await tab.page.getByLabel('Contact e-mail').getAttribute('aria-invalid')).toBe('true');
    await saveScreenshot(tab.page, 'intake-validation-errors');
    expect(tab.page.url()).toBe(`${e2e.system.url}/tickets/new`);
    expect(await ticketsOf('Intake Invalid Ltd', 0)).toEqual([]);
  }, TEST_TIMEOUT_MS);

  /** An API key of partner A's with `role`. */
  const keyOfPartnerA = async (role: 'viewer' | 'coordinator'): Promise<string> =>
    (await http().post('/api-keys').send({ name: `Partner A ${role}`, partnerTenantIds: [PARTNER_A], roles: [role] }).expect(201)).body.key;

  it("fills in the partner tenant of a coordinator who acts for only one", async () => {
    await signInThroughLink(tab.page, e2e.system, await keyOfPartnerA('coordinator'));
    await tab.page.getByRole('navigation').getByRole('link', { name: 'New ticket' }).click();
    expect(await tab.page.getByLabel('Partner tenant id').inputValue()).toBe(PARTNER_A);
    expect(await tab.page.getByLabel('Customer tenant id').inputValue()).toBe('');
  }, TEST_TIMEOUT_MS);

  it('offers a viewer neither the link nor the form', async () => {
    await signInThroughLink(tab.page, e2e.system, await keyOfPartnerA('viewer'));
    expect(await tab.page.getByRole('link', { name: 'New ticket' }).count()).toBe(0);
    await tab.page.goto(`${e2e.system.url}/tickets/new`);
    expect(await tab.page.getByTestId('intake-not-allowed').innerText()).toBe('Opening a ticket needs the coordinator role.');
    expect(await tab.page.getByRole('button', { name: 'Open ticket' }).count()).toBe(0);
  }, TEST_TIMEOUT_MS);

  it('opens one ticket on a double submit: both go with the same Idempotency-Key', async () => {
    await openIntake();
    await fillRequest('Intake Double Ltd');
    const opening: Array<Promise<{ key: string | null; status: number; id: string }>> = [];
    tab.page.on('request', (request) => {
      if (!isPost('/service-requests')(request)) return;
      opening.push(
        request.response().then(async (response) => ({
          key: request.headers()['idempotency-key'] ?? null,
          status: (response as Response).status(),
          id: (await (response as Response).json()).id,
        })),
      );
    });
    const ticketReadsAnswered = followTicketReads();
    await tab.page.evaluate(SUBMIT_TWICE);
    await tab.page.waitForURL(TICKET_PAGE);
    const id = TICKET_PAGE.exec(tab.page.url())?.[1] as string;
    await tab.page.getByRole('heading', { name: 'Virtual machines unreachable' }).waitFor();
    await e2e.system.waitForTicket(id, (t) => t.status === 'awaiting-response');

    const answers = await Promise.all(opening);
    expect(answers.map((answer) => answer.key)).toEqual([id, id]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 201]);
    expect(answers.map((answer) => answer.id)).toEqual([id, id]);
    expect((await ticketsOf('Intake Double Ltd', 1)).map((ticket) => ticket.id)).toEqual([id]);
    await ticketReadsAnswered();
  }, TEST_TIMEOUT_MS);
});
