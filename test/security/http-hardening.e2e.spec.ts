import * as fs from 'node:fs';
import { aServiceRequest } from '@escalade/domain/testing';
import { builtConsole } from '../console/browser';
import { send, type RawRequest, type RawResponse } from '../robustness/raw-http';
import { onEscaladeSystem } from '../support/escalade-system';

const PER_IP = 5;
const PER_PRINCIPAL = 20;
const TEMPORAL_UI = 'http://127.0.0.1:8233';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The console's policy as the API sends it: nothing inline, nothing from elsewhere (local mode: no Entra ID). */
const CONSOLE_POLICY =
  "default-src 'self';script-src 'self';script-src-attr 'none';style-src 'self';img-src 'self' data:;font-src 'self';" +
  "connect-src 'self';object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'none'";

/** The JSON of `value`, every character of its strings escaped as \uXXXX: the longest form a valid body takes. */
const escapedJson = (value: unknown) => JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** A JSON object of exactly `bytes` bytes. */
const bodyOf = (bytes: number) => Buffer.from(`{"text":"${'x'.repeat(bytes - '{"text":""}'.length)}"}`);

/**
 * The running API over real sockets, with small rate limits. Each test that counts requests per address sends them
 * from a loopback address of its own (127.0.0.x), and each that counts them per principal with a key of its own.
 */
describe('HTTP hardening of the running API: headers, request ids, cross-site writes, body limits, rate limits', () => {
  const e2e = onEscaladeSystem({
    MICROSOFT_SUPPORT: 'in-process',
    CONSOLE_DIR: builtConsole(),
    TEMPORAL_UI_URL: TEMPORAL_UI,
    RATE_LIMIT_PER_IP: String(PER_IP),
    RATE_LIMIT_PER_PRINCIPAL: String(PER_PRINCIPAL),
  });
  const call = (req: RawRequest): Promise<RawResponse> => send(new URL(e2e.system.url), req);
  const asAdmin = (req: RawRequest): RawRequest => ({ ...req, headers: { ...e2e.system.authorization(), ...req.headers } });
  const json = (method: string, path: string, body: Buffer | string, headers: Record<string, string> = {}): RawRequest => ({
    method,
    path,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? Buffer.from(body) : body,
  });
  const problems = (res: RawResponse): string[] => JSON.parse(res.text).errors.flatMap((e: { problems: string[] }) => e.problems);

  async function aKey(role: 'viewer' | 'coordinator' = 'viewer'): Promise<string> {
    const { body } = await e2e.system.http().post('/api-keys').send({ name: `hardening ${role}`, partnerTenantIds: ['*'], roles: [role] }).expect(201);
    return body.key;
  }

  it('sends the security headers and a request id on every response, errors included, and no framework banner', async () => {
    const asset = fs.readdirSync(`${builtConsole()}/assets`).find((file) => file.endsWith('.js'));
    const from = '127.0.0.11';
    const answers = [
      await call({ method: 'GET', path: '/', from }),
      await call({ method: 'GET', path: `/assets/${asset}`, from }),
      await call({ method: 'GET', path: '/health/live', from }),
      await call(asAdmin({ method: 'GET', path: '/service-requests' })),
      await call({ method: 'GET', path: '/service-requests', from }),
      await call({ method: 'GET', path: '/no-such-route', from }),
      await call(asAdmin({ method: 'POST', path: '/alert-subscriptions', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from('url=x') })),
    ];

    expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 200, 401, 404, 415]);
    for (const { headers } of answers) {
      expect(headers['x-powered-by']).toBeUndefined();
      expect(headers).toMatchObject({
        'content-security-policy': CONSOLE_POLICY,
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'x-request-id': expect.stringMatching(UUID),
      });
    }
    expect(new Set(answers.map((res) => res.headers['x-request-id'])).size).toBe(answers.length);
  });

  it("answers with the caller's own request id when it is well formed", async () => {
    const { headers } = await call(asAdmin({ method: 'GET', path: '/auth/me', headers: { 'x-request-id': 'trace-4bf92f3577b34da6' } }));
    expect(headers['x-request-id']).toBe('trace-4bf92f3577b34da6');
  });

  it("serves Swagger UI under its own policy, which relaxes only inline styles", async () => {
    const res = await call({ method: 'GET', path: '/docs', from: '127.0.0.12' });
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toBe(CONSOLE_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"));
  });

  describe('cross-site writes', () => {
    const evil = { origin: 'https://evil.example' };

    it("refuses another site's writes with a 403 naming the rule, changing nothing, form posts included", async () => {
      const before = (await e2e.system.http().get('/alert-subscriptions').expect(200)).body.items.length;
      const subscription = { url: 'https://hooks.example.com/escalade', secret: 'whsec-0123456789abcdef', severities: ['A'] };

      const refused = [
        await call(asAdmin(json('POST', '/alert-subscriptions', JSON.stringify(subscription), evil))),
        await call(asAdmin({ method: 'POST', path: '/alert-subscriptions', headers: { ...evil, 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from('url=https%3A%2F%2Fevil.example&secret=whsec-0123456789abcdef') })),
        await call(asAdmin(json('POST', '/alert-subscriptions', JSON.stringify(subscription), { 'sec-fetch-site': 'cross-site' }))),
        await call(asAdmin({ method: 'DELETE', path: '/api-keys/00000000-0000-4000-8000-000000000000', headers: evil })),
        await call(asAdmin(json('POST', '/codec/decode', '{"payloads":[]}', evil))),
      ];

      for (const res of refused) {
        expect(res.status).toBe(403);
        expect(JSON.parse(res.text).message).toMatch(/^Cross-origin request refused .*never from another site$/);
      }
      expect((await e2e.system.http().get('/alert-subscriptions').expect(200)).body.items).toHaveLength(before);
    });

    it('takes writes from the console (its own origin), from the Temporal UI and from clients without an Origin', async () => {
      const body = JSON.stringify({ ...aServiceRequest(), requestId: 'hardening-origin-1' });
      expect((await call(asAdmin(json('POST', '/service-requests', body, { origin: e2e.system.url })))).status).toBe(201);
      const again = JSON.stringify({ ...aServiceRequest(), requestId: 'hardening-origin-2' });
      expect((await call(asAdmin(json('POST', '/service-requests', again)))).status).toBe(201);
      // The codec endpoint's own answer (what it makes of an empty list), whatever it is, is not the cross-origin refusal.
      const codec = await call(asAdmin(json('POST', '/codec/decode', '{"payloads":[]}', { origin: TEMPORAL_UI })));
      expect(codec.text).not.toContain('Cross-origin request refused');
    });

    it('keeps the console session in an http-only, SameSite=Strict cookie, and sets none for another site', async () => {
      const from = '127.0.0.13';
      const credential = JSON.stringify({ credential: e2e.system.adminKey });

      const refused = await call(json('POST', '/auth/session', credential, evil));
      const signedIn = await call({ ...json('POST', '/auth/session', credential, { origin: e2e.system.url }), from });

      expect(refused.status).toBe(403);
      expect(refused.headers['set-cookie']).toBeUndefined();
      expect(signedIn.status).toBe(200);
      const [cookie] = signedIn.headers['set-cookie'] ?? [];
      expect(cookie.split(/;\s*/)).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));
      // Secure only in production (apps/api/src/auth/session/session.api.spec.ts): local mode is plain http on loopback.
      expect(cookie).not.toMatch(/;\s*Secure/);
    });
  });

  describe('body limits', () => {
    it.each([
      ['POST', '/service-requests', 128 * 1024, '128 kB'],
      ['POST', '/service-requests/hardening-origin-1/notes', 64 * 1024, '64 kB'],
      ['POST', '/api-keys', 16 * 1024, '16 kB'],
    ])('refuses a body past the limit of %s %s with a 413 naming it', async (method, path, limit, named) => {
      const res = await call(asAdmin(json(method, path, bodyOf(limit + 1))));
      expect(res.status).toBe(413);
      expect(problems(res)).toEqual([`body must be at most ${named}, the limit of ${method} on this route`]);
    });

    it('takes the longest valid ticket, every character of it escaped', async () => {
      const ticket = { ...aServiceRequest(), requestId: 'hardening-longest', title: '€'.repeat(200), description: '€'.repeat(10_000) };
      const body = escapedJson(ticket);
      expect(body.length).toBeGreaterThan(60_000);
      const res = await call(asAdmin(json('POST', '/service-requests', body)));
      expect(res.status).toBe(201);
    });
  });

  describe('rate limits (small ones, set for this test)', () => {
    it('limits requests without credentials per address, before authentication: a 429 with Retry-After and a JSON body', async () => {
      const from = '127.0.0.21';
      const statuses = [];
      for (let i = 0; i <= PER_IP; i++) statuses.push((await call({ method: 'GET', path: '/service-requests', from })).status);
      expect(statuses).toEqual([...Array(PER_IP).fill(401), 429]);

      const res = await call({ method: 'GET', path: '/auth/config', from });

      expect(res.status).toBe(429);
      const retryAfter = Number(res.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(res.text)).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: expect.stringMatching(new RegExp(`^Too many requests: at most ${PER_IP} a minute from one address without credentials; retry in \\d+ s`)),
      });
      // another address has its own budget
      expect((await call({ method: 'GET', path: '/service-requests', from: '127.0.0.22' })).status).toBe(401);
    });

    it('never limits health: a flood from one address leaves liveness and readiness answering', async () => {
      const from = '127.0.0.23';
      for (let i = 0; i <= PER_IP; i++) await call({ method: 'GET', path: '/auth/config', from });
      expect((await call({ method: 'GET', path: '/auth/config', from })).status).toBe(429);

      for (let i = 0; i < 3 * PER_IP; i++) {
        expect((await call({ method: 'GET', path: '/health/live', from })).status).toBe(200);
        expect((await call({ method: 'GET', path: '/health/ready', from })).status).toBe(200);
      }
    });

    it('limits each principal per principal, from any address, past the per-address limit', async () => {
      const [key, other] = [await aKey(), await aKey()];
      const as = (credential: string, from: string): RawRequest => ({ method: 'GET', path: '/service-requests', headers: e2e.system.authorization(credential), from });
      const statuses = [];
      for (let i = 0; i < PER_PRINCIPAL; i++) statuses.push((await call(as(key, '127.0.0.31'))).status);
      expect(statuses).toEqual(Array(PER_PRINCIPAL).fill(200)); // four times the per-address limit, from one address

      const refused = await call(as(key, '127.0.0.32'));

      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(refused.text).message).toMatch(new RegExp(`^Too many requests: at most ${PER_PRINCIPAL} a minute per principal; retry in \\d+ s`));
      expect((await call(as(other, '127.0.0.31'))).status).toBe(200);
    });
  });
});
