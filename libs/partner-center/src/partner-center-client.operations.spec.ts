import { randomUUID } from 'node:crypto';
import { startSimulator, type RunningSimulator } from '@escalade/ms-simulator/testing';
import { PartnerCenterClient } from './partner-center.client';
import { PartnerCenterUnavailableError } from './partner-center.errors';
import type { CreateServiceRequestBody } from './wire';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const aBody = (customerTenantId: string): CreateServiceRequestBody => ({
  Title: 'Mailbox migration stalled',
  Description: 'The migration batch has shown "Syncing" for two days.',
  Severity: 'moderate',
  SupportTopicId: '32570020',
  ProductName: 'Office 365',
  PrimaryContact: { FirstName: 'Ada', LastName: 'Support', Email: 'ada@fabrikam.com', PhoneNumber: '+33 1 23 45 67 89' },
  Organization: { Id: customerTenantId, Name: 'Contoso Ltd' },
  NewNote: { Text: 'Batch MB-7 is the one stuck.' },
  CountryCode: 'FR',
});

describe('PartnerCenterClient operations against the simulator', () => {
  let simulator: RunningSimulator;
  let client: PartnerCenterClient;
  const sent: Array<{ method: string; url: string; headers: Headers }> = [];

  beforeAll(async () => {
    simulator = await startSimulator();
    const recordingFetch: typeof fetch = (input, init) => {
      sent.push({ method: init?.method ?? 'GET', url: String(input), headers: new Headers(init?.headers) });
      return fetch(input, init);
    };
    client = new PartnerCenterClient({
      baseUrl: `${simulator.baseUrl}/`,
      agentLocale: 'en-US',
      tokenProvider: async () => simulator.accessToken(),
      fetch: recordingFetch,
    });
  });
  afterAll(() => simulator.app.close());
  beforeEach(() => (sent.length = 0));

  const create = (customerTenantId: string = randomUUID(), key: string = randomUUID()) =>
    client.createServiceRequest(aBody(customerTenantId), { requestId: key, correlationId: key });

  it('creates a service request and gets it back in camelCase', async () => {
    const created = await create();
    expect(created).toMatchObject({
      title: 'Mailbox migration stalled',
      severity: 'moderate',
      status: 'open',
      supportTopicName: 'Office 365 - Technical issue',
      countryCode: 'FR',
      notes: [{ createdByName: 'Ada Support', text: 'Batch MB-7 is the one stuck.', createdDate: created.createdDate }],
    });
    expect(await client.getServiceRequest(created.id)).toEqual(created);
  });

  it('sends the bearer token, Accept and GUID request and correlation ids on every call', async () => {
    const created = await create(randomUUID(), 'INC-42');
    await client.getServiceRequest(created.id);
    await client.getServiceRequest(created.id);

    expect(sent.map((call) => `${call.method} ${new URL(call.url).pathname}`)).toEqual([
      'POST /v1/servicerequests/en-US',
      `GET /v1/servicerequests/${created.id}`,
      `GET /v1/servicerequests/${created.id}`,
    ]);
    for (const { headers } of sent) {
      expect(headers.get('authorization')).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      expect(headers.get('accept')).toBe('application/json');
      expect(headers.get('ms-requestid')).toMatch(GUID);
      expect(headers.get('ms-correlationid')).toMatch(GUID);
    }
    expect(sent[0].headers.get('content-type')).toBe('application/json');
    expect(sent[1].headers.get('ms-requestid')).not.toBe(sent[2].headers.get('ms-requestid'));
  });

  it('adds a note, then closes the request', async () => {
    const created = await create();
    const noted = await client.updateServiceRequest(created.id, { NewNote: { Text: 'Restarted the batch: no change.' } });
    expect(noted?.notes.map((note) => note.text)).toEqual(['Batch MB-7 is the one stuck.', 'Restarted the batch: no change.']);
    expect(noted?.status).toBe('open');

    const closed = await client.updateServiceRequest(created.id, { Status: 'closed' });
    expect(closed?.status).toBe('closed');
    expect(closed?.lastClosedDate).toEqual(expect.any(String));
    expect(await client.getServiceRequest(created.id)).toEqual(closed);
  });

  it("lists a customer's service requests and no one else's", async () => {
    const contoso = randomUUID();
    const first = await create(contoso);
    const second = await create(contoso);
    await create();

    const listed = await client.listCustomerServiceRequests(contoso);
    expect(listed.totalCount).toBe(2);
    expect(listed.attributes).toEqual({ objectType: 'Collection' });
    expect(listed.items.map((item) => item.id)).toEqual([first.id, second.id]);
    expect((await client.listCustomerServiceRequests(randomUUID())).totalCount).toBe(0);
  });

  it("lists every service request of the partner, following the next links with their continuation token", async () => {
    const created = [await create(), await create(), await create()];
    const total = simulator.store.size;
    sent.length = 0;

    const listed = await client.listServiceRequests({ pageSize: 2 });
    expect(listed.map((item) => item.id)).toHaveLength(total);
    expect(listed.slice(-3)).toEqual(created);
    expect(await client.listServiceRequests()).toEqual(listed);

    const pages = sent.slice(0, Math.ceil(total / 2));
    expect(pages.map((call) => `${call.method} ${new URL(call.url).pathname}${new URL(call.url).search}`)).toEqual([
      'GET /v1/servicerequests?size=2',
      ...pages.slice(1).map(() => 'GET /v1/servicerequests?size=2&seekOperation=Next'),
    ]);
    expect(pages[0].headers.get('ms-continuationtoken')).toBeNull();
    for (const { headers } of pages.slice(1)) expect(headers.get('ms-continuationtoken')).toEqual(expect.any(String));
    expect(new Set(pages.map(({ headers }) => headers.get('ms-correlationid'))).size).toBe(1);
    expect(new Set(pages.map(({ headers }) => headers.get('ms-requestid'))).size).toBe(pages.length);
  });

  it('stops listing with an unavailable error when the next-page link repeats', async () => {
    const next = { uri: '/servicerequests?seekOperation=Next', method: 'GET', headers: [{ key: 'MS-ContinuationToken', value: 'same' }] };
    const looping = new PartnerCenterClient({
      baseUrl: simulator.baseUrl,
      agentLocale: 'en-US',
      tokenProvider: async () => 'token-1',
      fetch: async () => Response.json({ totalCount: 1, items: [], links: { next } }),
    });
    await expect(looping.listServiceRequests()).rejects.toThrow(PartnerCenterUnavailableError);
    await expect(looping.listServiceRequests()).rejects.toThrow(/next-page link repeats/);
  });

  it('lists the support topics', async () => {
    const topics = await client.listSupportTopics();
    expect(topics.totalCount).toBe(topics.items.length);
    expect(topics.items.length).toBeGreaterThan(0);
    for (const topic of topics.items) {
      expect(topic).toEqual({
        name: expect.any(String),
        description: expect.any(String),
        id: expect.stringMatching(/^\d+$/),
        attributes: { objectType: 'SupportTopic' },
      });
    }
  });
});

describe('PartnerCenterClient: an update answered as the REST reference documents it', () => {
  it('takes a 204 without a body as done', async () => {
    const fetch: typeof globalThis.fetch = async () => new Response(null, { status: 204 });
    const client = new PartnerCenterClient({ baseUrl: 'https://api.partnercenter.example', agentLocale: 'en-US', tokenProvider: async () => 'token', fetch });

    await expect(client.updateServiceRequest('616122292874576', { Status: 'closed' })).resolves.toBeUndefined();
  });
});
