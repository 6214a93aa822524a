import request from 'supertest';
import { aServiceRequest } from '@escalade/domain/testing';
import { onEscaladeSystem } from '../support/escalade-system';

/** The partner tenant of aServiceRequest(), and another one. */
const PARTNER = '22222222-2222-2222-2222-222222222222';
const OTHER_PARTNER = '33333333-3333-3333-3333-333333333333';
/** Shaped like an API key (`esk_<12 hex>_<43 base64url>`), but never issued. */
const UNKNOWN_KEY = `esk_0123456789ab_${'A'.repeat(43)}`;

type TimelineEvent = { type: string; data: Record<string, unknown>; summary: string };

describe('Escalade end to end: who may call the API, and who is recorded as having acted (local mode)', () => {
  const e2e = onEscaladeSystem({ MICROSOFT_SUPPORT: 'in-process' });
  /** Requests with no credential at all. */
  const anonymous = () => request(e2e.system.api.getHttpServer());

  /** An API key the local admin makes through the API. */
  async function apiKey(name: string, partnerTenantIds: string[], role: string): Promise<{ id: string; key: string }> {
    const { body } = await e2e.system.http().post('/api-keys').send({ name, partnerTenantIds, roles: [role] }).expect(201);
    return body;
  }

  async function openAwaitingResponse(requestId: string): Promise<void> {
    await e2e.system.http().post('/service-requests').send({ ...aServiceRequest({ severity: 'C' }), requestId }).expect(201);
    await e2e.system.waitForTicket(requestId, (t) => t.status === 'awaiting-response');
  }

  it('answers 401 with WWW-Authenticate and a reason to a request without a valid credential, and starts nothing', async () => {
    const missing = await anonymous().get('/service-requests').expect(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="escalade"'); // no error code when none was sent (RFC 6750 §3.1)
    expect(missing.body.message).toMatch(/^Sign in: send an API key/);

    const unknown = await anonymous().get('/service-requests').auth(UNKNOWN_KEY, { type: 'bearer' }).expect(401);
    expect(unknown.body.message).toBe('Unknown or revoked API key');
    expect(unknown.headers['www-authenticate']).toContain('error_description="Unknown or revoked API key"');
    await anonymous().get('/service-requests').set('x-api-key', UNKNOWN_KEY).expect(401);
    const basic = await anonymous().get('/service-requests').auth('admin', 'admin').expect(401);
    expect(basic.body.message).toMatch(/Bearer <credential>/);

    await anonymous().post('/service-requests').send({ ...aServiceRequest(), requestId: 'auth-anonymous-1' }).expect(401);
    await e2e.system.http().get('/service-requests/auth-anonymous-1').expect(404);
    const stream = await fetch(`${e2e.system.url}/events/stream`, { headers: { accept: 'text/event-stream' } });
    expect(stream.status).toBe(401);
    await stream.body?.cancel();
  });

  it('keeps the health checks, the OpenAPI document and the sign-in configuration open', async () => {
    await anonymous().get('/health/live').expect(200, { status: 'ok' });
    expect((await anonymous().get('/health/ready').expect(200)).body.status).toBe('ok');
    const { body: openApi } = await anonymous().get('/docs-json').expect(200);
    expect(Object.keys(openApi.paths)).toEqual(expect.arrayContaining(['/service-requests', '/api-keys', '/auth/session']));
    await anonymous().get('/auth/config').expect(200, { mode: 'local' });
  });

  it('accepts the local admin key as a bearer token or X-API-Key: an admin bound to every partner tenant', async () => {
    const { body: me } = await e2e.system.http().get('/auth/me').expect(200);
    expect(me).toEqual({ kind: 'api-key', name: 'local admin', objectId: expect.any(String), role: 'admin', partnerTenantIds: ['*'] });
    await anonymous().get('/auth/me').set('x-api-key', e2e.system.adminKey).expect(200, me);
  });

  it('signs a browser in with an http-only, same-site session cookie that also opens the live stream; signing out clears it', async () => {
    const refused = await anonymous().post('/auth/session').send({ credential: UNKNOWN_KEY }).expect(401);
    expect(refused.headers['set-cookie']).toBeUndefined();

    const signedIn = await anonymous().post('/auth/session').send({ credential: e2e.system.adminKey }).expect(200);
    expect(signedIn.body).toMatchObject({ kind: 'api-key', name: 'local admin', role: 'admin' });
    const [cookie] = signedIn.headers['set-cookie'] as unknown as string[];
    expect(cookie).toMatch(/^escalade_session=[^;]+; Max-Age=\d+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    const session = cookie.split(';')[0];
    await anonymous().get('/auth/me').set('cookie', session).expect(200);
    const stream = await fetch(`${e2e.system.url}/events/stream`, { headers: { accept: 'text/event-stream', cookie: session } });
    expect([stream.status, stream.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^text\/event-stream/)]);
    await stream.body?.cancel();

    const signedOut = await anonymous().delete('/auth/session').set('cookie', session).expect(204);
    expect(signedOut.headers['set-cookie']).toEqual([expect.stringMatching(/^escalade_session=; Path=\/; Expires=Thu, 01 Jan 1970/)]);
  });

  it('records the credential as who closed a ticket: a closedBy in the body is only a display name', async () => {
    await openAwaitingResponse('auth-close-1');
    const { body: me } = await e2e.system.http().get('/auth/me').expect(200);
    await e2e.system.http().post('/service-requests/auth-close-1/close').send({ resolution: 'Done', closedBy: 'Mallory (admin)' }).expect(200);

    const { body: timeline } = await e2e.system.http().get('/service-requests/auth-close-1/timeline').expect(200);
    const closed = (timeline.events as TimelineEvent[]).find((e) => e.type === 'ServiceRequestClosed');
    expect(closed?.data.by).toEqual({ kind: 'api-key', name: 'local admin', objectId: me.objectId });
    // The display name is shown, but always beside the name of who signed in.
    expect(closed?.summary).toBe('Closed by Mallory (admin) (signed in as local admin): resolved — Done');
  });

  it('keeps another partner tenant’s key away from the ticket, lets a viewer read but not act, and refuses a revoked key', async () => {
    await openAwaitingResponse('auth-scope-1');
    const other = await apiKey('other partner coordinator', [OTHER_PARTNER], 'coordinator');
    const viewer = await apiKey('partner viewer', [PARTNER], 'viewer');

    const notFound = await e2e.system.http(other.key).get('/service-requests/auth-scope-1').expect(404);
    expect(notFound.body.message).toBe('No service request with id "auth-scope-1"');
    await e2e.system.http(other.key).post('/service-requests/auth-scope-1/cancel').expect(404);
    const { body: listed } = await e2e.system.http(other.key).get('/service-requests?limit=100').expect(200);
    expect(listed.items).toEqual([]);
    await e2e.system.http(other.key).post('/service-requests').send({ ...aServiceRequest(), requestId: 'auth-scope-2' }).expect(403);

    const { body: seen } = await e2e.system.http(viewer.key).get('/service-requests/auth-scope-1').expect(200);
    expect(seen).toMatchObject({ id: 'auth-scope-1', partnerTenantId: PARTNER, status: 'awaiting-response' });
    await e2e.system.http(viewer.key).post('/service-requests/auth-scope-1/close').send({ resolution: 'Not mine to close' }).expect(403);
    await e2e.system.http(viewer.key).get('/api-keys').expect(403);

    await e2e.system.http().delete(`/api-keys/${viewer.id}`).expect(204);
    const revoked = await e2e.system.http(viewer.key).get('/service-requests/auth-scope-1').expect(401);
    expect(revoked.body.message).toBe('Unknown or revoked API key');
    expect((await e2e.system.http().get('/service-requests/auth-scope-1').expect(200)).body.status).toBe('awaiting-response');
    await e2e.system.http().post('/service-requests/auth-scope-1/cancel').expect(202);
  });
});
