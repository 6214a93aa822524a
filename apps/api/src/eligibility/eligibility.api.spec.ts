import { aServiceRequest, type ServiceRequestOverrides } from '@escalade/domain/testing';
import { EventStore } from '@escalade/event-store';
import { anApiKey, httpAs } from '../auth/testing/api-keys';
import { startAuthApp, type AuthApp } from '../auth/testing/auth-app';
import { ServiceRequestsModule } from '../service-requests/service-requests.module';
import { ShutdownModule } from '../shutdown/shutdown.module';
import { TemporalModule } from '../temporal/temporal.module';
import { EligibilityModule } from './eligibility.module';

const PARTNER_A = '22222222-2222-2222-2222-222222222222'; // aServiceRequest()'s
const PARTNER_B = '0a1b2c3d-0000-4000-8000-00000000000b';

/** A request as POST /service-requests takes it. */
const aRequest = (overrides: ServiceRequestOverrides = {}) => ({ ...aServiceRequest(overrides), requestId: 'INC-CHECK-1' });

// The real API (createApiApp: strict JSON bodies, validation, the exception filter) with its authentication, beside
// POST /service-requests to compare answers with. Temporal's client connects lazily, and no Temporal runs here: a
// check that tried to start a workflow would fail.
describe('POST /eligibility/check (EligibilityModule beside ServiceRequestsModule, behind the real AuthModule)', () => {
  let api: AuthApp;
  let coordinatorOfA: string;

  beforeAll(async () => {
    api = await startAuthApp({}, (auth) => [auth, TemporalModule, ShutdownModule, ServiceRequestsModule, EligibilityModule]);
    coordinatorOfA = await anApiKey(api.app, [PARTNER_A], 'coordinator');
  });
  afterAll(() => api?.close());

  const check = (body: object, credential = coordinatorOfA) => httpAs(api.app, credential).post('/eligibility/check').send(body);

  it('finds an Azure request eligible and names the portal its handoff would file it in', async () => {
    const { body } = await check(aRequest()).expect(200);
    expect(body).toEqual({
      decision: 'eligible',
      reason: 'Covered by the CSP support benefit (Azure, break/fix)',
      handoffTarget: { portal: 'azure-portal', url: 'https://portal.azure.com/#@contoso.com', context: 'customer', supportPlan: 'Cloud Solution Provider' },
    });

    const office = await check(aRequest({ product: 'office365', category: 'billing' })).expect(200);
    expect(office.body.handoffTarget).toEqual({
      portal: 'microsoft-365-admin-center',
      url: 'https://admin.microsoft.com/Adminportal/Home#/support',
      context: 'customer',
      supportCategory: 'Office 365 — Billing',
    });
  });

  it('refuses a phone request with the rule\'s own reason, and names no portal', async () => {
    const { body } = await check(aRequest({ channel: 'phone' })).expect(200);
    expect(body).toEqual({ decision: 'refused', reason: 'The program has no phone channel: service requests are filed through Partner Center' });
  });

  it('redirects a marketplace product to its ISV, with its web page, e-mail and phone', async () => {
    const isv = { name: 'Acme', supportUrl: 'https://acme.example/support', supportEmail: 'help@acme.example', supportPhone: '+1 555 0100' };
    const { body } = await check({ ...aRequest({ product: 'marketplace' }), marketplace: { productName: 'Acme Backup', isv } }).expect(200);
    expect(body).toEqual({
      decision: 'redirected',
      reason: '"Acme Backup" is a commercial-marketplace product and Microsoft gives no support for commercial-marketplace products: contact its publisher, Acme',
      redirectTo: { kind: 'isv', name: 'Acme', url: 'https://acme.example/support', email: 'help@acme.example', phone: '+1 555 0100' },
    });
  });

  it("has an indirect reseller's Azure request wait for access, then go to the customer's Azure portal", async () => {
    const reseller = aRequest({ partner: { role: 'indirect-reseller', hasAdminPrivileges: false, azureAccessGranted: false } });
    const { body } = await check(reseller).expect(200);
    expect(body).toEqual({
      decision: 'needs-access',
      reason: expect.stringMatching(/^The indirect provider must grant the reseller access to the customer's Azure account/),
      handoffTarget: { portal: 'azure-portal', url: 'https://portal.azure.com/contoso.com', context: 'customer', supportPlan: 'Cloud Solution Provider' },
    });
  });

  it('names every invalid field in `errors`, exactly as POST /service-requests does', async () => {
    const valid = aRequest();
    const invalid = {
      ...valid,
      severity: 'Z',
      language: 'english please',
      customer: { ...valid.customer, domain: 'not a domain' },
      contact: { name: '', email: 'nope' },
      product: 'marketplace',
      surprise: true,
    };
    const { body } = await check(invalid).expect(400);
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'contact.email',
      'contact.name',
      'customer.domain',
      'language',
      'marketplace',
      'severity',
      'surprise',
    ]);
    const opening = await httpAs(api.app, coordinatorOfA).post('/service-requests').send(invalid).expect(400);
    expect(body).toEqual(opening.body);
  });

  it('answers 401 without a credential', async () => {
    const { body, headers } = await api.http().post('/eligibility/check').send(aRequest()).expect(401);
    expect(body.message).toContain('Sign in');
    expect(headers['www-authenticate']).toMatch(/^Bearer /);
  });

  it('answers a viewer, and a coordinator of another partner, as POST /service-requests answers them', async () => {
    const viewer = await anApiKey(api.app, [PARTNER_A], 'viewer');
    const coordinatorOfB = await anApiKey(api.app, [PARTNER_B], 'coordinator');
    for (const credential of [viewer, coordinatorOfB]) {
      const { body } = await check(aRequest(), credential).expect(403);
      const opening = await httpAs(api.app, credential).post('/service-requests').send(aRequest()).expect(403);
      expect(body).toEqual(opening.body);
    }
    expect((await check(aRequest(), coordinatorOfB)).body.message).toBe(
      `coordinator of ${PARTNER_B} does not act for partner tenant ${PARTNER_A}: tickets are filed for one's own partners only`,
    );
  });

  it('opens no ticket and stores nothing, whatever it decides, with an Idempotency-Key or without', async () => {
    for (const channel of ['portal', 'phone'] as const) await check(aRequest({ channel })).expect(200);
    await httpAs(api.app, coordinatorOfA).post('/eligibility/check').set('Idempotency-Key', 'INC-CHECK-1').send(aRequest()).expect(200);

    const { body: page } = await httpAs(api.app, api.localAdminKey as string).get('/service-requests').expect(200);
    expect(page).toMatchObject({ items: [], position: 0 });
    expect(await api.app.get(EventStore).readAll()).toEqual([]);
  });
});
