import { createHash } from 'node:crypto';
import type { Route } from 'playwright-core';
import { onEscaladeSystem } from '../support/escalade-system';
import { builtConsole, onChromiumTab, saveScreenshot } from './browser';
import { openTicket, PARTNER_A, signInLink, signInThroughLink } from './console-session';

const PARTNER_B = '33333333-3333-4333-8333-333333333333';
const TEST_TIMEOUT_MS = 30_000;

describe('signing in to the console in Chromium, on the real API, worker and Temporal dev server (local mode)', () => {
  const tab = onChromiumTab();
  const e2e = onEscaladeSystem({ MICROSOFT_SUPPORT: 'in-process', CONSOLE_DIR: builtConsole() });

  const rows = () => tab.page.locator('[data-testid="ticket-row"]');
  const row = (id: string, partner: string) => tab.page.locator(`[data-testid="ticket-row"][data-ticket-key="${partner}~${id}"]`);
  const boardIsLive = () => tab.page.getByTestId('live-status').getByText('Live').waitFor();
  /** What the page's own scripts get from the API: the session cookie is the only credential they have. */
  const statusOfPageFetch = (path: string, method = 'GET') =>
    tab.page.evaluate(([url, verb]) => fetch(url, { method: verb }).then((response) => response.status), [path, method]);

  it("signs in through npm start's link: the board shows the tickets, and the key leaves the address bar", async () => {
    await openTicket(e2e.system, 'sign-in-link-1', { severity: 'B', customer: { name: 'Northwind Traders', domain: 'northwind.io' } });
    await tab.page.goto(signInLink(e2e.system));
    await tab.page.waitForURL(`${e2e.system.url}/`);
    await boardIsLive();
    await row('sign-in-link-1', PARTNER_A).waitFor();
    expect(await row('sign-in-link-1', PARTNER_A).innerText()).toContain('Northwind Traders');
    expect(tab.page.url()).toBe(`${e2e.system.url}/`);
    expect(tab.page.url()).not.toContain(encodeURIComponent(e2e.system.adminKey));
    expect(new URL(tab.page.url()).hash).toBe('');
    expect(await tab.page.getByTestId('session-name').innerText()).toBe('local admin');
    expect(await tab.page.getByTestId('session-role').innerText()).toBe('Admin');
    // the key never reaches a script: the session is an http-only cookie
    expect(await tab.page.evaluate('document.cookie')).not.toContain('escalade_session');
    const [cookie] = (await tab.context.cookies()).filter((c) => c.name === 'escalade_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    await saveScreenshot(tab.page, 'signed-in-board');
  }, TEST_TIMEOUT_MS);

  it("shows a partner's viewer only that partner's tickets, with no action form; another partner's ticket is not found", async () => {
    const { body: viewerKey } = await e2e.system
      .http()
      .post('/api-keys')
      .send({ name: 'Partner A viewer', partnerTenantIds: [PARTNER_A], roles: ['viewer'] })
      .expect(201);
    const partnerB = { tenantId: PARTNER_B, name: 'Litware Partners' };
    await openTicket(e2e.system, 'iso-a-1', { customer: { name: 'Contoso Ltd', domain: 'contoso.com' } });
    await openTicket(e2e.system, 'iso-b-1', { partner: partnerB, customer: { name: 'Tailspin Toys', domain: 'tailspin.io' } });
    // the same id for both partners: two tickets, each on its own row
    await openTicket(e2e.system, 'iso-shared-1', { severity: 'C' });
    await openTicket(e2e.system, 'iso-shared-1', { severity: 'B', partner: partnerB });

    // signed in with the pasted key: the page says where local mode's key is
    await tab.page.goto(`${e2e.system.url}/sign-in`);
    await tab.page.getByText('data/local-admin.key').waitFor();
    await saveScreenshot(tab.page, 'sign-in-local');
    await tab.page.getByLabel('API key').fill(viewerKey.key);
    await tab.page.getByRole('button', { name: 'Sign in' }).click();
    await tab.page.waitForURL(`${e2e.system.url}/`);
    expect(await tab.page.getByTestId('session-name').innerText()).toBe('Partner A viewer');
    expect(await tab.page.getByTestId('session-role').innerText()).toBe('Viewer');

    await boardIsLive();
    await row('iso-a-1', PARTNER_A).waitFor();
    await row('iso-shared-1', PARTNER_A).waitFor();
    // live too: B's new ticket (opened first) never arrives, A's does
    await openTicket(e2e.system, 'iso-b-2', { partner: partnerB });
    await openTicket(e2e.system, 'iso-a-2');
    await row('iso-a-2', PARTNER_A).waitFor({ timeout: 5_000 });
    const partners = await Promise.all((await rows().all()).map((tr) => tr.getAttribute('data-partner-tenant-id')));
    expect(new Set(partners)).toEqual(new Set([PARTNER_A]));
    expect(await tab.page.getByText('Tailspin Toys').count()).toBe(0);
    await saveScreenshot(tab.page, 'viewer-board');

    await row('iso-a-1', PARTNER_A).getByRole('link').click();
    await tab.page.waitForURL(`${e2e.system.url}/tickets/iso-a-1?partnerTenantId=${PARTNER_A}`);
    await tab.page.locator('[data-testid="timeline-event"][data-type="ServiceRequestReceived"]').waitFor();
    await tab.page.getByRole('heading', { name: 'Eligibility and handoff' }).waitFor();
    expect(await tab.page.getByRole('heading', { name: 'Actions' }).count()).toBe(0);
    expect(await tab.page.locator('form.action-form').count()).toBe(0);
    expect(await tab.page.getByRole('button', { name: /Record response|Change severity|Close ticket/ }).count()).toBe(0);
    await saveScreenshot(tab.page, 'viewer-ticket');

    for (const path of [`/tickets/iso-b-1?partnerTenantId=${PARTNER_B}`, '/tickets/iso-b-1']) {
      await tab.page.goto(`${e2e.system.url}${path}`);
      await tab.page.getByRole('heading', { name: 'No ticket iso-b-1' }).waitFor();
    }
    await saveScreenshot(tab.page, 'viewer-other-partner-ticket');
    await tab.page.goto(`${e2e.system.url}/tickets/iso-shared-1?partnerTenantId=${PARTNER_B}`);
    await tab.page.getByRole('heading', { name: 'No ticket iso-shared-1' }).waitFor();
    // without the partner the id is A's, the only one this viewer may see
    await tab.page.goto(`${e2e.system.url}/tickets/iso-shared-1`);
    await tab.page.locator('.ticket-meta').getByText('C', { exact: true }).waitFor();
    expect(await statusOfPageFetch('/service-requests/iso-b-1')).toBe(404);
    // the API has the last word: the viewer's session may not act, forms or not
    expect(await statusOfPageFetch(`/service-requests/iso-a-1/cancel?partnerTenantId=${PARTNER_A}`, 'POST')).toBe(403);
  }, TEST_TIMEOUT_MS);

  it("shows an admin of every partner both tickets of a shared id, each on its own page", async () => {
    await openTicket(e2e.system, 'both-shared-1', { severity: 'C', customer: { name: 'Contoso Ltd', domain: 'contoso.com' } });
    await openTicket(e2e.system, 'both-shared-1', {
      severity: 'B',
      partner: { tenantId: PARTNER_B },
      customer: { name: 'Tailspin Toys', domain: 'tailspin.io' },
    });
    await signInThroughLink(tab.page, e2e.system);
    await row('both-shared-1', PARTNER_A).waitFor();
    await row('both-shared-1', PARTNER_B).waitFor();

    await row('both-shared-1', PARTNER_B).getByRole('link').click();
    await tab.page.waitForURL(`${e2e.system.url}/tickets/both-shared-1?partnerTenantId=${PARTNER_B}`);
    await tab.page.locator('.ticket-meta').getByText('Tailspin Toys').waitFor();
    await tab.page.locator('[data-testid="timeline-event"][data-type="ResponseDueTimeSet"]').waitFor({ timeout: 10_000 });
    // an action on the page names the ticket's partner: the id alone would be ambiguous (409)
    await tab.page.getByLabel('Resolution').fill('Duplicate of the Contoso one');
    await tab.page.getByRole('button', { name: 'Close ticket' }).click();
    await tab.page.locator('[data-testid="timeline-event"][data-type="ServiceRequestClosed"]').waitFor();
    const { body: closed } = await e2e.system.http().get(`/service-requests/both-shared-1?partnerTenantId=${PARTNER_B}`).expect(200);
    expect(closed.status).toBe('closed');
    const { body: untouched } = await e2e.system.http().get(`/service-requests/both-shared-1?partnerTenantId=${PARTNER_A}`).expect(200);
    expect(untouched.status).not.toBe('closed');
  }, TEST_TIMEOUT_MS);

  it('signs out: back to the sign-in page, and the API refuses what the page asks from then on', async () => {
    await signInThroughLink(tab.page, e2e.system);
    expect(await statusOfPageFetch('/service-requests')).toBe(200);

    await tab.page.getByRole('button', { name: 'Sign out' }).click();
    await tab.page.waitForURL(`${e2e.system.url}/sign-in`);
    await tab.page.getByRole('heading', { name: 'Sign in to Escalade' }).waitFor();
    expect((await tab.context.cookies()).filter((c) => c.name === 'escalade_session')).toEqual([]);
    for (const path of ['/service-requests', '/auth/me', '/events/stream', '/reports/sla']) {
      expect(await statusOfPageFetch(path)).toBe(401);
    }

    // a page of the console now leads to the sign-in page, which comes back to it once signed in again
    await tab.page.goto(`${e2e.system.url}/sla`);
    await tab.page.waitForURL(`${e2e.system.url}/sign-in?next=%2Fsla`);
    await tab.page.getByLabel('API key').fill(e2e.system.adminKey);
    await tab.page.getByRole('button', { name: 'Sign in' }).click();
    await tab.page.waitForURL(`${e2e.system.url}/sla`);
    await tab.page.getByTestId('sla-row-total').waitFor();
  }, TEST_TIMEOUT_MS);

  it('refuses a wrong key on the sign-in page, saying why', async () => {
    await tab.page.goto(signInLink(e2e.system, 'esk_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));
    await tab.page.getByRole('alert').getByText(/Not signed in: Unknown or revoked API key/).waitFor();
    expect(tab.page.url()).toBe(`${e2e.system.url}/sign-in`);
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
    await tab.context.route(`${e2e.system.url}/auth/config`, (route) => route.fulfill({ json: { mode: 'entra', entra } }));
    // and, as the API in Entra mode does, its pages' Content-Security-Policy lets their scripts reach the authority
    await tab.context.route(
      (url) => url.origin === e2e.system.url,
      async (route) => {
        if (route.request().resourceType() !== 'document') return route.fallback();
        const response = await route.fetch();
        const policy = response.headers()['content-security-policy'].replace("connect-src 'self'", `connect-src 'self' ${authority}`);
        return route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
      },
    );
    await tab.context.route((url) => url.href.startsWith(`${authority}/organizations/oauth2/v2.0/authorize?`), (route) => {
      authorize = new URL(route.request().url()).searchParams;
      const answer = new URLSearchParams({ code: 'the-code', state: authorize.get('state') ?? '' });
      // back through a page of its own rather than a 302, whose follow-up the policy route above would not see
      const back = JSON.stringify(`${authorize.get('redirect_uri')}#${answer}`);
      return route.fulfill({ contentType: 'text/html', body: `<script>location.replace(${back})</script>` });
    });
    await tab.context.route(`${authority}/organizations/oauth2/v2.0/token`, (route: Route) => {
      redeemed = new URLSearchParams(route.request().postData() ?? '');
      const verifier = redeemed.get('code_verifier') ?? '';
      const proven = createHash('sha256').update(verifier).digest('base64url') === authorize.get('code_challenge');
      const cors = { 'access-control-allow-origin': e2e.system.url };
      return proven && redeemed.get('code') === 'the-code'
        ? route.fulfill({ headers: cors, json: { token_type: 'Bearer', access_token: e2e.system.adminKey, expires_in: 3600 } })
        : route.fulfill({ status: 400, headers: cors, json: { error: 'invalid_grant', error_description: 'PKCE verification failed' } });
    });

    await tab.page.goto(`${e2e.system.url}/sla`);
    await tab.page.waitForURL(`${e2e.system.url}/sign-in?next=%2Fsla`);
    await saveScreenshot(tab.page, 'sign-in-entra');
    await tab.page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
    await tab.page.waitForURL(`${e2e.system.url}/sla`);
    await tab.page.getByTestId('sla-row-total').waitFor();

    expect(Object.fromEntries(authorize)).toMatchObject({
      client_id: 'escalade-console',
      response_type: 'code',
      response_mode: 'fragment',
      redirect_uri: `${e2e.system.url}/sign-in`,
      scope: 'openid profile offline_access api://escalade-test/access_as_user',
      code_challenge_method: 'S256',
    });
    expect(authorize.get('state')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(redeemed.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Object.fromEntries(redeemed)).toMatchObject({
      client_id: 'escalade-console',
      grant_type: 'authorization_code',
      redirect_uri: `${e2e.system.url}/sign-in`,
    });
    expect(tab.page.url()).not.toContain('the-code');
    expect(await tab.page.getByTestId('session-name').innerText()).toBe('local admin');
    expect(await tab.page.evaluate('sessionStorage.length')).toBe(0);
  }, TEST_TIMEOUT_MS);
});
