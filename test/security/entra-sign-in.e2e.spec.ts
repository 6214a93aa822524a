import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import { aServiceRequest } from '@escalade/domain/testing';
import { startTestIssuer, tamperPayload, type MintOptions, type TestClaims, type TestIssuer } from '@escalade/api/testing';
import { EscaladeSystem } from '../support/escalade-system';
import { entraSettings } from '../support/entra-settings';
import { startDevServer } from '../support/temporal-servers';

const TENANT_A = 'a0a0a0a0-1111-4111-8111-00000000000a';
const PROVIDER = 'c0c0c0c0-3333-4333-8333-00000000000c';
const RESELLER_1 = 'd1d1d1d1-4444-4444-8444-0000000000d1';
const RESELLER_2 = 'd2d2d2d2-5555-4555-8555-0000000000d2';
const NOT_ALLOWED = 'f0f0f0f0-9999-4999-8999-00000000000f';

const ADA = { tid: TENANT_A, oid: '0ada0ada-0000-4000-8000-000000000ada', name: 'Ada Coordinator', roles: ['Escalade.Coordinator'] };
const PIA = { tid: PROVIDER, oid: '0e1a0e1a-0000-4000-8000-000000000e1a', name: 'Pia Provider', roles: ['Escalade.Coordinator'] };

const now = () => Math.floor(Date.now() / 1000);

/** A ticket for `partnerTenantId` with this id. */
const ticketFor = (partnerTenantId: string, requestId: string) => ({ ...aServiceRequest({ partner: { tenantId: partnerTenantId } }), requestId });

describe('Entra ID sign-in over real HTTP: API + worker + a JWT issuer serving its JWKS on loopback', () => {
  let env: TestWorkflowEnvironment;
  let issuer: TestIssuer;
  let system: EscaladeSystem;

  const mint = (claims: TestClaims = ADA, options?: MintOptions) => issuer.mint(claims, options);
  const as = (token: string) => system.http(token);

  beforeAll(async () => {
    [env, issuer] = await Promise.all([startDevServer(), startTestIssuer()]);
    const identity = entraSettings(issuer, { allowed: [TENANT_A, PROVIDER], partners: { [PROVIDER]: [RESELLER_1, RESELLER_2] } });
    system = new EscaladeSystem(env, { ...identity, MICROSOFT_SUPPORT: 'in-process' }, { adminKey: 'api-key-store' });
    await system.start();
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
    await issuer?.close();
    await env?.teardown();
  });

  it('says it signs in with Entra ID, and refuses a request without a credential', async () => {
    const { body: config } = await request(system.url).get('/auth/config').expect(200);
    expect(config).toMatchObject({ mode: 'entra', entra: { clientId: 'escalade-test', authority: issuer.authority, tenant: 'organizations' } });
    const { body, headers } = await request(system.url).get('/service-requests').expect(401);
    expect(body.message).toMatch(/^Sign in/);
    expect(headers['www-authenticate']).toMatch(/^Bearer realm="escalade"/);
  });

  it("lets a Coordinator open a ticket for its own tenant, and only for it", async () => {
    const token = await mint();
    const { body: me } = await as(token).get('/auth/me').expect(200);
    expect(me).toEqual({ kind: 'user', name: ADA.name, objectId: ADA.oid, tenantId: TENANT_A, role: 'coordinator', partnerTenantIds: [TENANT_A] });

    const { body: opened } = await as(token).post('/service-requests').send(ticketFor(TENANT_A, 'entra-own-1')).expect(201);
    expect(opened).toMatchObject({ id: 'entra-own-1', partnerTenantId: TENANT_A });
    expect((await as(token).get('/service-requests/entra-own-1').expect(200)).body).toMatchObject({ id: 'entra-own-1', partnerTenantId: TENANT_A });

    const { body: refused } = await as(token).post('/service-requests').send(ticketFor(RESELLER_1, 'entra-foreign-1')).expect(403);
    expect(refused.message).toContain(`does not act for partner tenant ${RESELLER_1}`);
    await system.http().get(`/service-requests/entra-foreign-1?partnerTenantId=${RESELLER_1}`).expect(404);
  });

  it("lets an indirect provider's user act for its resellers (ENTRA_TENANT_PARTNERS), not for other tenants", async () => {
    const token = await mint(PIA);
    const { body: me } = await as(token).get('/auth/me').expect(200);
    expect(me.partnerTenantIds).toEqual([PROVIDER, RESELLER_1, RESELLER_2]);
    await as(token).post('/service-requests').send(ticketFor(RESELLER_2, 'entra-reseller-1')).expect(201);
    await as(token).post('/service-requests').send(ticketFor(TENANT_A, 'entra-reseller-2')).expect(403);
    await as(await mint()).get('/service-requests/entra-reseller-1').expect(404);
  });

  const refusals: Array<[string, () => Promise<string>, RegExp]> = [
    ['expired', () => mint({ ...ADA, iat: now() - 7_200, nbf: now() - 7_200, exp: now() - 3_600 }), /^token expired at \d{4}-/],
    ['for another audience', () => mint({ ...ADA, aud: 'api://someone-else' }), /^token audience is not this API \(expected api:\/\/escalade-test or escalade-test\)$/],
    ['from another issuer', () => mint({ ...ADA, iss: `https://login.example.net/${TENANT_A}/v2.0` }), /^token issuer is not http:\/\/127\.0\.0\.1:\d+\/a0a0a0a0-.+\/v2\.0$/],
    ['from a tenant that is not allowed', () => mint({ ...ADA, tid: NOT_ALLOWED }), new RegExp(`^token tenant ${NOT_ALLOWED} is not allowed$`)],
    ['with its payload changed after signing', async () => tamperPayload(await mint(), (p) => ({ ...p, roles: ['Escalade.Admin'] })), /^token signature is invalid$/],
    ['signed with a key the issuer does not publish', () => mint(ADA, { signWith: 'foreign' }), /^token signature is invalid$/],
    ['unsigned (alg: none)', () => mint(ADA, { alg: 'none' }), /^token algorithm none is not allowed \(only RS256\)$/],
    ['signed HS256 with the public key as secret', () => mint(ADA, { alg: 'HS256' }), /^token algorithm HS256 is not allowed \(only RS256\)$/],
  ];

  it.each(refusals)('refuses a token %s with a 401 saying why, and does nothing', async (what, token, reason) => {
    const requestId = `refused-${what.replace(/\W+/g, '-')}`;
    const { body, headers } = await as(await token()).post('/service-requests').send(ticketFor(TENANT_A, requestId)).expect(401);
    expect(body).toMatchObject({ statusCode: 401, message: expect.stringMatching(reason) });
    expect(headers['www-authenticate']).toMatch(/^Bearer realm="escalade", error="invalid_token", error_description="token /);
    await system.http().get(`/service-requests/${requestId}`).expect(404);
  });

  it('answers 403 naming the app roles to a user who has none of them', async () => {
    const { body } = await as(await mint({ ...ADA, roles: ['Some.Other.Role'] })).get('/service-requests').expect(403);
    expect(body.message).toBe(`${ADA.name} has no Escalade app role: an admin assigns Escalade.Viewer, Escalade.Coordinator or Escalade.Admin in Entra ID`);
    await as(await mint({ ...ADA, roles: undefined })).get('/service-requests').expect(403);
  });

  it('lets a Viewer read and answers 403 to its POSTs', async () => {
    const viewer = await mint({ ...ADA, name: 'Vic Viewer', roles: ['Escalade.Viewer'] });
    await as(viewer).get('/service-requests/entra-own-1').expect(200);
    const { body } = await as(viewer).post('/service-requests').send(ticketFor(TENANT_A, 'entra-viewer-1')).expect(403);
    expect(body.message).toBe('This needs the coordinator role; Vic Viewer has viewer');
    await as(viewer).post('/service-requests/entra-own-1/close').send({ resolution: 'not mine to close' }).expect(403);
    await system.http().get('/service-requests/entra-viewer-1').expect(404);
  });

  it('records the signed-in user as who closed the ticket, whatever the body says', async () => {
    const token = await mint();
    await as(token).post('/service-requests').send(ticketFor(TENANT_A, 'entra-actor-1')).expect(201);
    await system.waitForTicket('entra-actor-1', (t) => t.status === 'awaiting-response');
    const forged = { kind: 'api-key', name: 'Mallory', objectId: 'mallory' };
    await as(token).post('/service-requests/entra-actor-1/close').send({ resolution: 'Fixed', by: forged }).expect(400);
    await as(token).post('/service-requests/entra-actor-1/close').send({ resolution: 'Fixed', closedBy: 'Mallory' }).expect(200);

    const { body: timeline } = await as(token).get('/service-requests/entra-actor-1/timeline').expect(200);
    const closed = timeline.events.find((e: { type: string }) => e.type === 'ServiceRequestClosed');
    expect(closed.data.by).toEqual({ kind: 'user', name: ADA.name, objectId: ADA.oid, tenantId: TENANT_A });
    expect(closed.summary).toBe(`Closed by Mallory (signed in as ${ADA.name}): resolved — Fixed`);
  });

  // Last: after the rotation every token is signed with the new key.
  it('accepts tokens signed with a rotated key (fetching the keys again), and still those of the old key', async () => {
    const before = await mint();
    await as(before).get('/service-requests/entra-own-1').expect(200);
    const fetched = issuer.jwksRequests;
    await issuer.rotateKeys();
    const after = await mint();
    // The verifier fetches the keys again for an unknown key id at most once per 30 s (jose's cooldown).
    const started = Date.now();
    let answer = await as(after).get('/service-requests/entra-own-1');
    while (answer.status === 401 && Date.now() - started < 40_000) {
      expect(answer.body.message).toMatch(/^token signing key test-key-.+ is not one the identity provider publishes for tenant /);
      await new Promise((resolve) => setTimeout(resolve, 500));
      answer = await as(after).get('/service-requests/entra-own-1');
    }
    expect(answer.status).toBe(200);
    expect(issuer.jwksRequests).toBeGreaterThan(fetched);
    await as(before).get('/service-requests/entra-own-1').expect(200);
  }, 60_000);
});
