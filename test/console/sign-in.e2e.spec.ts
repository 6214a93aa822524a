import { createHash } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { EscaladeSystem } from '../support/escalade-system';
import { startDevServer } from '../support/temporal-servers';
import { builtConsole, launchChromium, saveScreenshot } from './browser';
import { openTicket, PARTNER_A, signInLink, signInThroughLink } from './console-session';

const PARTNER_B = '33333333-3333-4333-8333-333333333333';
const TEST_TIMEOUT_MS = 30_000;

describe('signing in to the console in Chromium, on the real API, worker and Temporal dev server (local mode)', () => {
  let env: TestWorkflowEnvironment;
  let system: EscaladeSystem;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  const rows = () => page.locator('[data-testid="ticket-row"]');
  const row = (id: string, partner: string) => page.locator(`[data-testid="ticket-row"][data-ticket-key="${partner}~${id}"]`);
  const boardIsLive = () => page.getByTestId('live-status').getByText('Live').waitFor();
  /** What the page's own scripts get from the API: the session cookie is the only credential they have. */
  const statusOfPageFetch = (path: string, method = 'GET') =>
    page.evaluate(([url, verb]) => fetch(url, { method: verb }).then((response) => response.status), [path, method]);

  beforeAll(async () => {
    [env, browser] = await Promise.all([startDevServer(), launchChromium()]);
    system = new EscaladeSystem(env, { MICROSOFT_SUPPORT: 'in-process', CONSOLE_DIR: builtConsole() });
    await system.start();
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

  it("signs in through npm start's link: the board shows the tickets, and the key leaves the address bar", async () => {
    await openTicket(system, 'sign-in-link-1', { severity: 'B', customer: { name: 'Northwind Traders', domain: 'northwind.io' } });
    await page.goto(signInLink(system));
    await page.waitForURL(`${system.url}/`);
    await boardIsLive();
    await row('sign-in-link-1', PARTNER_A).waitFor();
    expect(await row('sign-in-link-1', PARTNER_A).innerText()).toContain('Northwind Traders');
    expect(page.url()).toBe(`${system.url}/`);
    expect(page.url()).not.toContain(encodeURIComponent(system.adminKey));
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.getByTestId('session-name').innerText()).toBe('local admin');
    expect(await page.getByTestId('session-role').innerText()).toBe('Admin');
    // the key never reaches a script: the session is an http-only cookie
    expect(await page.evaluate('document.cookie')).not.toContain('escalade_session');
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'escalade_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    await saveScreenshot(page, 'signed-in-board');
  }, TEST_TIMEOUT_MS);

  it("shows a partner's viewer only that partner's tickets, with no action form; another partner's ticket is not found", async () => {
    const { body: viewerKey } = await system
      .http()
      .post('/api-keys')
      .send({ name: 'Partner A viewer', partnerTenantIds: [PARTNER_A], roles: ['viewer'] })
      .expect(201);
    const partnerB = { tenantId: PARTNER_B, name: 'Litware Partners' };
    await openTicket(system, 'iso-a-1', { customer: { name: 'Contoso Ltd', domain: 'contoso.com' } });
    await openTicket(system, 'iso-b-1', { partner: partnerB, customer: { name: 'Tailspin Toys', domain: 'tailspin.io' } });
    // the same id for both partners: two tickets, each on its own row
    await openTicket(system, 'iso-shared-1', { severity: 'C' });
    await openTicket(system, 'iso-shared-1', { severity: 'B', partner: partnerB });

    // signed in with the pasted key: the page says where local mode's key is
    await page.goto(`${system.url}/sign-in`);
    await page.getByText('data/local-admin.key').waitFor();
    await saveScreenshot(page, 'sign-in-local');
    await page.getByLabel('API key').fill(viewerKey.key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${system.url}/`);
    expect(await page.getByTestId('session-name').innerText()).toBe('Partner A viewer');
    expect(await page.getByTestId('session-role').innerText()).toBe('Viewer');

    await boardIsLive();
    await row('iso-a-1', PARTNER_A).waitFor();
    await row('iso-shared-1', PARTNER_A).waitFor();
    // live too: B's new ticket (opened first) never arrives, A's does
    await openTicket(system, 'iso-b-2', { partner: partnerB });
    await openTicket(system, 'iso-a-2');
    await row('iso-a-2', PARTNER_A).waitFor({ timeout: 5_000 });
    const partners = await Promise.all((await rows().all()).map((tr) => tr.getAttribute('data-partner-tenant-id')));
    expect(new Set(partners)).toEqual(new Set([PARTNER_A]));
    expect(await page.getByText('Tailspin Toys').count()).toBe(0);
    await saveScreenshot(page, 'viewer-board');

    await row('iso-a-1', PARTNER_A).getByRole('link').click();
    await page.waitForURL(`${system.url}/tickets/iso-a-1?partnerTenantId=${PARTNER_A}`);
    await page.locator('[data-testid="timeline-event"][data-type="ServiceRequestReceived"]').waitFor();
    await page.getByRole('heading', { name: 'Eligibility and handoff' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Actions' }).count()).toBe(0);
    expect(await page.locator('form.action-form').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Record response|Change severity|Close ticket/ }).count()).toBe(0);
    await saveScreenshot(page, 'viewer-ticket');

    for (const path of [`/tickets/iso-b-1?partnerTenantId=${PARTNER_B}`, '/tickets/iso-b-1']) {
      await page.goto(`${system.url}${path}`);
      await page.getByRole('heading', { name: 'No ticket iso-b-1' }).waitFor();
    }
    await saveScreenshot(page, 'viewer-other-partner-ticket');
    await page.goto(`${system.url}/tickets/iso-shared-1?partnerTenantId=${PARTNER_B}`);
    await page.getByRole('heading', { name: 'No ticket iso-shared-1' }).waitFor();
    // without the partner the id is A's, the only one this viewer may see
    await page.goto(`${system.url}/tickets/iso-shared-1`);
    await page.locator('.ticket-meta').getByText('C', { exact: true }).waitFor();
    expect(await statusOfPageFetch('/service-requests/iso-b-1')).toBe(404);
    // the API has the last word: the viewer's session may not act, forms or not
    expect(await statusOfPageFetch(`/service-requests/iso-a-1/cancel?partnerTenantId=${PARTNER_A}`, 'POST')).toBe(403);
  }, TEST_TIMEOUT_MS);

  it("shows an admin of every partner both tickets of a shared id, each on its own page", async () => {
    await openTicket(system, 'both-shared-1', { severity: 'C', customer: { name: 'Contoso Ltd', domain: 'contoso.com' } });
    await openTicket(system, 'both-shared-1', {
      severity: 'B',
      partner: { tenantId: PARTNER_B },
      customer: { name: 'Tailspin Toys', domain: 'tailspin.io' },
    });
    await signInThroughLink(page, system);
    await row('both-shared-1', PARTNER_A).waitFor();
    await row('both-shared-1', PARTNER_B).waitFor();

    await row('both-shared-1', PARTNER_B).getByRole('link').click();
    await page.waitForURL(`${system.url}/tickets/both-shared-1?partnerTenantId=${PARTNER_B}`);
    await page.locator('.ticket-meta').getByText('Tailspin Toys').waitFor();
    await page.locator('[data-testid="timeline-event"][data-type="ResponseDueTimeSet"]').waitFor({ timeout: 10_000 });
    // an action on the page names the ticket's partner: the id alone would be ambiguous (409)
    await page.getByLabel('Resolution').fill('Duplicate of the Contoso one');
    await page.getByRole('button', { name: 'Close ticket' }).click();
    await page.locator('[data-testid="timeline-event"][data-type="ServiceRequestClosed"]').waitFor();
    const { body: closed } = await system.http().get(`/service-requests/both-shared-1?partnerTenantId=${PARTNER_B}`).expect(200);
    expect(closed.status).toBe('closed');
    const { body: untouched } = await system.http().get(`/service-requests/both-shared-1?partnerTenantId=${PARTNER_A}`).expect(200);
    expect(untouched.status).not.toBe('closed');
  }, TEST_TIMEOUT_MS);

  it('signs out: back to the sign-in page, and the API refuses what the page asks from then on', async () => {
    await signInThroughLink(page, system);
    expect(await statusOfPageFetch('/service-requests')).toBe(200);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${system.url}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in to Escalade' }).waitFor();
    expect((await context.cookies()).filter((c) => c.name === 'escalade_session')).toEqual([]);
    for (const path of ['/service-requests', '/auth/me', '/events/stream', '/reports/sla']) {
      expect(await statusOfPageFetch(path)).toBe(401);
    }

    // a page of the console now leads to the sign-in page, which comes back to it once signed in again
    await page.goto(`${system.url}/sla`);
    await page.waitForURL(`${system.url}/sign-in?next=%2Fsla`);
    await page.getByLabel('API key').fill(system.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${system.url}/sla`);
    await page.getByTestId('sla-row-total').waitFor();
  }, TEST_TIMEOUT_MS);

  it('refuses a wrong key on the sign-in page, saying why', async () => {
    await page.goto(signInLink(system, 'esk_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));
    await page.getByRole('alert').getByText(/Not signed in: Unknown or revoked API key/).waitFor();
    expect(page.url()).toBe(`${system.url}/sign-in`);
    expect(await statusOfPageFetch('/auth/me')).toBe(401);
  }, TEST_TIMEOUT_MS);

  it('signs in with Microsoft: authorization code + PKCE in the browser, the access token then kept in the session', async () => {
    // Entra ID is played by the test: the API in local mode tells the page it is in Entra mode, the authorize endpoint
    // answers with a code, and the token endpoint checks the PKCE verifier against the challenge before it issues a
    // token, here the local admin key (which the API then takes as the session's credential).
    const authority = 'https://login.microsoftonline.test';
    const entra = { clientId: 'escalade-console', authority, tenant: 'organizations', scope: 'api://escalade-test/access_as_user' };
    let authorize = new URLSearchParams();
    let redeemed = new URLSearchParams();
    await context.route(`${system.url}/auth/config`, (route) => route.fulfill({ json: { mode: 'entra', entra } }));
    await context.route((url) => url.href.startsWith(`${authority}/organizations/oauth2/v2.0/authorize?`), (route) => {
      authorize = new URL(route.request().url()).searchParams;
      const answer = new URLSearchParams({ code: 'the-code', state: authorize.get('state') ?? '' });
      return route.fulfill({ status: 302, headers: { location: `${authorize.get('redirect_uri')}#${answer}` } });
    });
    await context.route(`${authority}/organizations/oauth2/v2.0/token`, (route: Route) => {
      redeemed = new URLSearchParams(route.request().postData() ?? '');
      const verifier = redeemed.get('code_verifier') ?? '';
      const proven = createHash('sha256').update(verifier).digest('base64url') === authorize.get('code_challenge');
      const cors = { 'access-control-allow-origin': system.url };
      return proven && redeemed.get('code') === 'the-code'
        ? route.fulfill({ headers: cors, json: { token_type: 'Bearer', access_token: system.adminKey, expires_in: 3600 } })
        : route.fulfill({ status: 400, headers: cors, json: { error: 'invalid_grant', error_description: 'PKCE verification failed' } });
    });

    await page.goto(`${system.url}/sla`);
    await page.waitForURL(`${system.url}/sign-in?next=%2Fsla`);
    await saveScreenshot(page, 'sign-in-entra');
    await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
    await page.waitForURL(`${system.url}/sla`);
    await page.getByTestId('sla-row-total').waitFor();

    expect(Object.fromEntries(authorize)).toMatchObject({
      client_id: 'escalade-console',
      response_type: 'code',
      response_mode: 'fragment',
      redirect_uri: `${system.url}/sign-in`,
      scope: 'openid profile offline_access api://escalade-test/access_as_user',
      code_challenge_method: 'S256',
    });
    expect(authorize.get('state')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(redeemed.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Object.fromEntries(redeemed)).toMatchObject({
      client_id: 'escalade-console',
      grant_type: 'authorization_code',
      redirect_uri: `${system.url}/sign-in`,
    });
    expect(page.url()).not.toContain('the-code');
    expect(await page.getByTestId('session-name').innerText()).toBe('local admin');
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  }, TEST_TIMEOUT_MS);
});
