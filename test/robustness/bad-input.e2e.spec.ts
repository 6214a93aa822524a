import * as fc from 'fast-check';
import { aServiceRequest } from '@escalade/domain/testing';
import { EventStore } from '@escalade/event-store';
import { bodyLimitOf } from '@escalade/api';
import { onEscaladeSystem } from '../support/escalade-system';
import { refused, type BadPart, type BodyPart, type Refusal } from './bad-request';
import { fieldMutation, toJson, transportMutation, type Json } from './body-mutations';
import { badCredential } from './credential-mutations';
import {
  A_MARKETPLACE_REQUEST,
  A_REQUEST,
  A_SUBSCRIPTION,
  ACTIONS,
  adminRoutes,
  CONTROL,
  ID_ROUTES,
  isPosition,
  isTicketId,
  PARTNER,
  QUERIES,
  REQUEST_OPTIONAL,
  SUBSCRIPTION_OPTIONAL,
  WAITING_FOR_ACCESS,
} from './endpoints';
import { authorized, send, type RawRequest, type RawResponse } from './raw-http';
import { badHeaderValue, badId, queryMutation } from './url-mutations';

/** Runs per generated property (about 3,500 requests in all by default); BAD_INPUT_SEED replays a failure's seed. */
const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 600);
const SEED = Number(process.env.BAD_INPUT_SEED ?? 20_261_127);

type GeneratedRequest = RawRequest & BadPart<unknown>;

function fieldsNamed(res: RawResponse): string[] {
  try {
    return (JSON.parse(res.text).errors ?? []).map((e: { field: string }) => e.field);
  } catch {
    return [];
  }
}

const jsonPost = (path: string, body: string, headers: Record<string, string> = {}): RawRequest => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json', ...headers },
  body: Buffer.from(body),
});
const formPost = (path: string, form: string): RawRequest => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: Buffer.from(form),
});
const asRequest = (method: string, path: string) => (mutation: BadPart<BodyPart>) => {
  const { body, headers, chunked } = mutation.part;
  return { ...mutation, method, path, body, headers, chunked };
};
const asPost = (path: string) => asRequest('POST', path);

/**
 * What is wrong with the answer to a bad credential, if anything: it must be a 401 with its reason, challenging the
 * credential (RFC 6750, signing in included), and set no session cookie.
 */
function unauthorizedProblem(res: RawResponse): string | undefined {
  if (res.status !== 401) return `answered ${res.status} ${res.text.slice(0, 300)}`;
  if (typeof JSON.parse(res.text).message !== 'string') return `gave no reason: ${res.text.slice(0, 300)}`;
  const challenge = res.headers['www-authenticate'];
  if (!challenge?.startsWith('Bearer realm="escalade", error="invalid_token"')) return `WWW-Authenticate: ${challenge}`;
  if (res.headers['set-cookie'] !== undefined) return `set a cookie: ${res.headers['set-cookie']}`;
  return undefined;
}

const aRequestWith = (changes: Record<string, Json>) => JSON.stringify({ ...(A_MARKETPLACE_REQUEST as object), ...changes });
const marketplace = (A_MARKETPLACE_REQUEST as { marketplace: Record<string, Json> }).marketplace;
const aLongDomain = `${'a'.repeat(60)}.`.repeat(50) + 'com';

describe('bad input, generated: every endpoint refuses it by field, answers no 5xx and changes nothing', () => {
  const e2e = onEscaladeSystem({ MICROSOFT_SUPPORT: 'in-process' });
  let base: URL;
  let sent = 0;
  const started = Date.now();

  /** As the local admin (unless the request carries its own Authorization), or with only the credentials it carries. */
  const call = (req: RawRequest, as: 'admin' | 'its own' = 'admin') => {
    sent++;
    return send(base, as === 'admin' ? authorized(e2e.system.adminKey, req) : req);
  };
  const json = async (path: string) => JSON.parse((await call({ method: 'GET', path })).text);

  /**
   * The request must get exactly its refusal, naming the field; and a refused sign-in sets no session cookie. A body
   * past its route's limit is refused whole (413 naming body) before any field of it is read.
   */
  async function expectRefused(req: RawRequest, { what, expect: refusal }: { what: string; expect: Refusal }): Promise<void> {
    const tooLarge = refusal.status === 400 && (req.body?.length ?? 0) > bodyLimitOf(req.method, req.path.split('?')[0]);
    const expect = tooLarge ? refused(413, 'body') : refusal;
    const res = await call(req);
    const named = expect.fields.some((field) => fieldsNamed(res).includes(field));
    if (res.status === expect.status && named && res.headers['set-cookie'] === undefined) return;
    const answer = `${res.status} ${res.text.slice(0, 500)}`;
    throw new Error(`${what}: ${req.method} ${req.path.slice(0, 300)} answered ${answer}; expected ${expect.status} naming ${expect.fields.join(' or ')}`);
  }

  /** Every generated request must get its refusal; a failure prints the request in one line, not its bytes. */
  const check = (seed: number, requests: fc.Arbitrary<GeneratedRequest>, numRuns = RUNS) =>
    fc.assert(
      fc.asyncProperty(
        requests.map((req) => Object.assign(req, { [fc.toStringMethod]: () => `${req.what}: ${req.method} ${req.path.slice(0, 200)}` })),
        (req) => expectRefused(req, req),
      ),
      { seed, numRuns },
    );

  async function open(id: string, request: Json): Promise<void> {
    const res = await call(jsonPost('/service-requests', JSON.stringify({ ...(request as object), requestId: id })));
    expect(res.status).toBe(201);
  }

  /**
   * What no refused request may change: tickets, runs, events, subscriptions, API keys, Partner Center's credentials,
   * and the control tickets themselves.
   */
  async function observable() {
    const controls = [CONTROL, WAITING_FOR_ACCESS];
    return {
      runs: (await e2e.env.client.workflow.count(`WorkflowType = 'serviceRequestWorkflow'`)).count,
      events: await e2e.system.api.get(EventStore).headPosition(),
      listed: (await json('/service-requests?limit=200')).items.length,
      subscriptions: (await json('/alert-subscriptions')).items.length,
      // The local admin key's lastUsedAt moves with every request: only which keys exist and which are revoked count.
      apiKeys: (await json('/api-keys')).items.map(({ id, revokedAt }: { id: string; revokedAt: string | null }) => ({ id, revokedAt })),
      partnerCenterCredentials: await json('/partner-center/credentials'),
      tickets: await Promise.all(controls.map((id) => json(`/service-requests/${id}`))),
      timelines: await Promise.all(controls.map((id) => json(`/service-requests/${id}/timeline`))),
    };
  }
  let before: Awaited<ReturnType<typeof observable>>;

  beforeAll(async () => {
    base = new URL(e2e.system.url);
    await open(CONTROL, toJson(aServiceRequest({ severity: 'C' })));
    await open(WAITING_FOR_ACCESS, toJson(aServiceRequest({ partner: { role: 'indirect-reseller', azureAccessGranted: false } })));
    await e2e.system.waitForTicket(CONTROL, (t) => t.status === 'awaiting-response');
    await e2e.system.waitForTicket(WAITING_FOR_ACCESS, (t) => t.status === 'awaiting-access');
    // Settled once the read model lists both and two looks a moment apart agree.
    for (let previous = ''; ; await new Promise((resolve) => setTimeout(resolve, 300))) {
      before = await observable();
      const now = JSON.stringify(before);
      if (now === previous && before.listed === 2) break;
      previous = now;
    }
  }, 120_000);

  afterAll(async () => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`bad-input suite: ${sent} requests in ${seconds} s (seed ${SEED}, ${RUNS} runs per property)`);
  });

  it.each<[string, RawRequest, Refusal]>([
    ['partner: []', jsonPost('/service-requests', aRequestWith({ partner: [] })), refused(400, 'partner')],
    ['partner: [{…}]', jsonPost('/service-requests', aRequestWith({ partner: [toJson(aServiceRequest().partner)] })), refused(400, 'partner')],
    ['contact: []', jsonPost('/service-requests', aRequestWith({ contact: [] })), refused(400, 'contact')],
    ['customer: []', jsonPost('/service-requests', aRequestWith({ customer: [] })), refused(400, 'customer')],
    ['marketplace: []', jsonPost('/service-requests', aRequestWith({ marketplace: [] })), refused(400, 'marketplace')],
    ['isv: []', jsonPost('/service-requests', aRequestWith({ marketplace: { ...marketplace, isv: [] } })), refused(400, 'marketplace.isv')],
    [
      'a marketplace without its isv',
      jsonPost('/service-requests', aRequestWith({ marketplace: { productName: 'Acme Backup' } })),
      refused(400, 'marketplace.isv'),
    ],
    ['a body 10,000 deep', jsonPost('/service-requests', `${'['.repeat(10_000)}${']'.repeat(10_000)}`), refused(400, 'body')],
    [
      'a valid 3 KB domain name',
      jsonPost('/service-requests', aRequestWith({ customer: toJson({ ...aServiceRequest().customer, domain: aLongDomain }) })),
      refused(400, 'customer.domain'),
    ],
    ['after=9007199254740993', { method: 'GET', path: '/events/stream?after=9007199254740993' }, refused(400, 'after')],
    [
      'Last-Event-ID: 9007199254740993',
      { method: 'GET', path: '/events/stream', headers: { 'last-event-id': '9007199254740993' } },
      refused(400, 'Last-Event-ID'),
    ],
    ['a 5,000-character id on /timeline', { method: 'GET', path: `/service-requests/${'a'.repeat(5_000)}/timeline` }, refused(400, 'id')],
    [
      'a 5,000-character id on /timeline/stream',
      { method: 'GET', path: `/service-requests/${'a'.repeat(5_000)}/timeline/stream` },
      refused(400, 'id'),
    ],
    [
      'charset=latin1',
      jsonPost('/service-requests', aRequestWith({}), { 'content-type': 'application/json; charset=latin1' }),
      refused(415, 'Content-Type'),
    ],
    ['Content-Encoding: x-foo', jsonPost('/service-requests', aRequestWith({}), { 'content-encoding': 'x-foo' }), refused(415, 'Content-Encoding')],
    [
      'a URL with a NUL',
      jsonPost('/service-requests', aRequestWith({ marketplace: { ...marketplace, isv: { name: 'Acme', supportUrl: 'https://acme.example/\u0000' } } })),
      refused(400, 'marketplace.isv.supportUrl'),
    ],
    ['{"resolution":"x","__proto__":1}', jsonPost(`/service-requests/${CONTROL}/close`, '{"resolution":"x","__proto__":1}'), refused(400, '__proto__')],
    [
      'partner.__proto__',
      jsonPost('/service-requests', aRequestWith({}).replace('"partner":{', '"partner":{"__proto__":{"x":1},')),
      refused(400, 'partner.__proto__'),
    ],
    ['?constructor=1 on the list', { method: 'GET', path: '/service-requests?constructor=1' }, refused(400, 'constructor')],
    ['a form to /service-requests', formPost('/service-requests', 'title=x&product=azure'), refused(415, 'Content-Type')],
    ['a form to /severity', formPost(`/service-requests/${CONTROL}/severity`, 'severity=A&reason=x&changedBy=y'), refused(415, 'Content-Type')],
    [
      'an API key for "*" and a partner tenant',
      jsonPost('/api-keys', JSON.stringify({ name: 'both', partnerTenantIds: ['*', PARTNER], roles: ['viewer'] })),
      refused(400, 'partnerTenantIds'),
    ],
    [
      'an API key with no role',
      jsonPost('/api-keys', JSON.stringify({ name: 'none', partnerTenantIds: [PARTNER], roles: [] })),
      refused(400, 'roles'),
    ],
    ['revoking the API key "INC-1"', { method: 'DELETE', path: '/api-keys/INC-1' }, refused(400, 'id')],
    [
      '?partnerTenantId=contoso on a ticket',
      { method: 'GET', path: `/service-requests/${CONTROL}?partnerTenantId=contoso` },
      refused(400, 'partnerTenantId'),
    ],
  ])('regression: %s is refused', async (what, req, expected) => {
    await expectRefused(req, { what, expect: expected });
  });

  it('still serves the OpenAPI document and its UI', async () => {
    expect((await call({ method: 'GET', path: '/docs-json' })).status).toBe(200);
    expect((await call({ method: 'GET', path: '/docs' })).status).toBe(200);
  });

  it('POST /service-requests: mutated bodies and transports', async () => {
    const fields = fc.oneof(fieldMutation(A_REQUEST, REQUEST_OPTIONAL), fieldMutation(A_MARKETPLACE_REQUEST, REQUEST_OPTIONAL));
    await check(SEED, fc.oneof(fields, transportMutation(A_REQUEST, true)).map(asPost('/service-requests')));
  }, 120_000);

  it('POST /eligibility/check: the same mutated bodies and transports as filing', async () => {
    const fields = fc.oneof(fieldMutation(A_REQUEST, REQUEST_OPTIONAL), fieldMutation(A_MARKETPLACE_REQUEST, REQUEST_OPTIONAL));
    await check(SEED + 9, fc.oneof(fields, transportMutation(A_REQUEST, true)).map(asPost('/eligibility/check')), Math.ceil(RUNS / 2));
  }, 120_000);

  it('ticket actions on the control tickets: mutated bodies and transports', async () => {
    const actions = ACTIONS.map(({ path, valid, optional, readsBody }) => {
      const mutations = readsBody ? fc.oneof(fieldMutation(valid, optional), transportMutation(valid, true)) : transportMutation(valid, false);
      return mutations.map(asPost(path));
    });
    await check(SEED + 1, fc.oneof(...actions));
  }, 120_000);

  it('POST /alert-subscriptions: mutated bodies and transports', async () => {
    const bodies = fc.oneof(fieldMutation(A_SUBSCRIPTION, SUBSCRIPTION_OPTIONAL), transportMutation(A_SUBSCRIPTION, true));
    await check(SEED + 2, bodies.map(asPost('/alert-subscriptions')), Math.ceil(RUNS / 2));
  }, 120_000);

  it('POST /api-keys, POST /auth/session and PUT /partner-center/credentials: mutated bodies and transports', async () => {
    const routes = adminRoutes(e2e.system.adminKey).map(({ method, path, valid, optional, longestText }) =>
      fc.oneof(fieldMutation(valid, optional, longestText), transportMutation(valid, true)).map(asRequest(method, path)),
    );
    await check(SEED + 7, fc.oneof(...routes));
  }, 120_000);

  it('credentials: a bad one is a 401 with its reason (and WWW-Authenticate in a header), whatever the route, and signs nobody in', async () => {
    const routes: RawRequest[] = [
      { method: 'GET', path: '/service-requests' },
      { method: 'GET', path: '/events/stream' },
      jsonPost(`/service-requests/${CONTROL}/close`, JSON.stringify({ resolution: 'closed by a stranger' })),
      jsonPost('/api-keys', JSON.stringify({ name: 'stolen', partnerTenantIds: ['*'], roles: ['admin'] })),
      { ...jsonPost('/partner-center/credentials', JSON.stringify({ refreshToken: 'x' })), method: 'PUT' },
    ];
    const requests = fc.tuple(badCredential(e2e.system.adminKey), fc.constantFrom(...routes)).map(([credential, route]) => {
      const { what, headers, signIn } = credential;
      const req = signIn ? jsonPost('/auth/session', JSON.stringify(signIn)) : { ...route, headers: { ...route.headers, ...headers } };
      return Object.assign(req, { what, [fc.toStringMethod]: () => `${what}: ${req.method} ${req.path}` });
    });
    await fc.assert(
      fc.asyncProperty(requests, async (req) => {
        const problem = unauthorizedProblem(await call(req, 'its own'));
        if (problem) throw new Error(`${req.what}: ${req.method} ${req.path} ${problem}; expected a 401 with its reason`);
      }),
      { seed: SEED + 8, numRuns: Math.ceil(RUNS / 2) },
    );
  }, 120_000);

  it('queries: the ticket list, deliveries, the SLA report and the event stream', async () => {
    const queries = Object.entries(QUERIES).map(([path, parameters]) =>
      queryMutation(parameters).map((mutation) => ({ ...mutation, method: 'GET', path: `${path}?${mutation.part}` })),
    );
    await check(SEED + 3, fc.oneof(...queries));
  }, 120_000);

  it('ids on every route that takes one', async () => {
    const routes = ID_ROUTES.map(({ kind, method, path, body }) =>
      badId(kind).map((mutation) => ({
        ...mutation,
        method,
        path: path(mutation.part),
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) }),
      })),
    );
    await check(SEED + 4, fc.oneof(...routes));
  }, 120_000);

  it('headers: Idempotency-Key and Last-Event-ID', async () => {
    const { requestId: _requestId, ...unkeyed } = A_REQUEST as Record<string, Json>;
    const keys = badHeaderValue(isTicketId, ['', 'bad key!', '-x', 'a/b', 'é']).map((key) => ({
      what: `Idempotency-Key ${JSON.stringify(key.slice(0, 40))}`,
      part: key,
      expect: refused(400, 'Idempotency-Key'),
      ...jsonPost('/service-requests', JSON.stringify(unkeyed), { 'idempotency-key': key }),
    }));
    const streams = fc.constantFrom('/events/stream', `/service-requests/${CONTROL}/timeline/stream`);
    const positions = fc.tuple(badHeaderValue(isPosition, ['abc', '-1', '1.5', '1e3', '9007199254740993']), streams).map(([id, path]) => ({
      what: `Last-Event-ID ${JSON.stringify(id.slice(0, 40))}`,
      part: id,
      expect: refused(400, 'Last-Event-ID'),
      method: 'GET',
      path,
      headers: { 'last-event-id': id },
    }));
    await check(SEED + 5, fc.oneof(keys, positions), Math.ceil(RUNS / 2));
  }, 120_000);

  it('the console pages answer any id without a 5xx', async () => {
    const pages = fc.tuple(badId('ticket'), fc.constantFrom('/tickets/', '/assets/')).map(([{ part }, page]) => `${page}${part}`);
    await fc.assert(
      fc.asyncProperty(pages, async (path) => {
        const res = await call({ method: 'GET', path });
        expect(res.status).toBeLessThan(500);
        if (res.status === 400) expect(fieldsNamed(res)).toContain('path');
      }),
      { seed: SEED + 6, numRuns: Math.ceil(RUNS / 5) },
    );
  }, 60_000);

  it('changed nothing: no ticket, run, event or subscription was added, and the control tickets are as they were', async () => {
    // A ticket that got through would show within moments: its run at once, its events and list row just after.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await observable()).toEqual(before);
  });
});
