import type { Collection } from './http/collection';
import type { SupportTopic } from './support-topics/support-topic.catalogue';
import { aCreateBody, callSimulator, readJson, type PartnerCenterErrorBody, type ServiceRequestResource } from './testing/partner-center-requests';
import { startSimulator, type RunningSimulator } from './testing/start-simulator';

describe("the simulator speaks Partner Center's wire format", () => {
  let simulator: RunningSimulator;
  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    callSimulator(simulator, method, path, body, headers);

  beforeAll(async () => (simulator = await startSimulator()));
  afterAll(() => simulator.app.close());

  it('creates from a PascalCase body with 201 and answers with the camelCase resource', async () => {
    const response = await call('POST', '/v1/servicerequests/en-US', aCreateBody({ NewNote: { Text: 'First seen 09:12 UTC' }, CountryCode: 'FR' }));
    expect(response.status).toBe(201);
    const resource = await readJson<ServiceRequestResource>(response);
    expect(Object.keys(resource).sort()).toEqual(
      [
        'id', 'title', 'description', 'severity', 'supportTopicId', 'supportTopicName', 'status', 'organization',
        'primaryContact', 'productName', 'createdDate', 'lastModifiedDate', 'notes', 'countryCode', 'attributes',
      ].sort(),
    );
    expect(resource).toMatchObject({
      id: expect.stringMatching(/^\d{15}$/),
      title: 'VMs unreachable',
      severity: 'critical',
      supportTopicId: '32570010',
      supportTopicName: 'Azure - Technical issue',
      status: 'open',
      organization: { id: '11111111-1111-1111-1111-111111111111', name: 'Contoso Ltd', phoneNumbers: [] },
      primaryContact: {
        contactId: expect.any(String),
        firstName: 'Ada',
        lastName: 'Support',
        email: 'ada@fabrikam.com',
        phoneNumber: '+33 1 23 45 67 89',
      },
      productName: 'Azure',
      notes: [{ createdByName: 'Ada Support', createdDate: resource.createdDate, text: 'First seen 09:12 UTC' }],
      countryCode: 'FR',
      attributes: { objectType: 'ServiceRequest' },
    });
    expect(resource.lastModifiedDate).toBe(resource.createdDate);
  });

  it('echoes MS-CorrelationId and MS-RequestId, on errors too', async () => {
    const ids = { 'MS-CorrelationId': 'c0ffee00-0000-4000-8000-000000000001', 'MS-RequestId': 'c0ffee00-0000-4000-8000-000000000002' };
    const created = await call('POST', '/v1/servicerequests/en-US', aCreateBody(), ids);
    const missing = await call('GET', '/v1/servicerequests/1', undefined, ids);
    for (const response of [created, missing]) {
      expect(response.headers.get('ms-correlationid')).toBe(ids['MS-CorrelationId']);
      expect(response.headers.get('ms-requestid')).toBe(ids['MS-RequestId']);
    }
  });

  it('returns the same resource for a repeated MS-RequestId and stores nothing new', async () => {
    const headers = { 'MS-RequestId': 'b5a3c0de-0000-4000-8000-000000000001' };
    const first = await call('POST', '/v1/servicerequests/en-US', aCreateBody(), headers);
    const count = simulator.store.size;
    const repeat = await call('POST', '/v1/servicerequests/en-US', aCreateBody({ Title: 'Changed on retry' }), headers);
    const other = await call('POST', '/v1/servicerequests/en-US', aCreateBody(), { 'MS-RequestId': 'b5a3c0de-0000-4000-8000-000000000002' });

    expect(repeat.status).toBe(201);
    expect(await repeat.json()).toEqual(await first.json());
    expect(other.status).toBe(201);
    expect(simulator.store.size).toBe(count + 1);
  });

  it('binds property names in any case, as Partner Center does, and names every bad property in its error', async () => {
    const response = await call('POST', '/v1/servicerequests/en-US', {
      title: 'VMs unreachable',
      severity: 'critical',
      Severity: 'urgent',
      PrimaryContact: { FirstName: 'Ada', Email: 'nope' },
    });
    expect(response.status).toBe(400);
    const error = await readJson<PartnerCenterErrorBody>(response);
    expect(error).toEqual({ code: 400, errorName: 'InvalidInput', description: expect.any(String) });
    const badProperties = ['Description', 'Severity', 'SupportTopicId', 'PrimaryContact.LastName', 'PrimaryContact.Email'];
    for (const property of badProperties) expect(error.description).toContain(`${property}: `);
    expect(error.description).not.toContain('Title: ');
  });

  it('ignores read-only and unknown properties, takes enums as .NET binds them, and defaults the contact to the signed-in user', async () => {
    const body = {
      title: 'Mail flow stopped',
      description: 'No message delivered since 09:00.',
      severity: 2,
      supportTopicId: 32570021,
      id: '123',
      status: 'closed',
      createdDate: '0001-01-01T00:00:00',
      notes: [{ text: 'not mine to set' }],
      attributes: { objectType: 'ServiceRequest' },
      somethingNew: true,
    };
    const response = await call('POST', '/v1/servicerequests/en-US', body);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      title: 'Mail flow stopped',
      severity: 'moderate',
      supportTopicId: '32570021',
      supportTopicName: 'Office 365 - Mail flow',
      status: 'open',
      notes: [],
      primaryContact: { firstName: 'Ada', lastName: 'Admin', email: 'ada.admin@partner.onmicrosoft.com' },
    });

    const capitalized = await call('POST', '/v1/servicerequests/en-US', aCreateBody({ Severity: 'Minimal' }));
    expect(await capitalized.json()).toMatchObject({ severity: 'minimal' });
  });

  it('refuses a title over 255 characters and a severity it does not know', async () => {
    const long = await call('POST', '/v1/servicerequests/en-US', aCreateBody({ Title: 'x'.repeat(256), Severity: 'unknown' }));
    expect(long.status).toBe(400);
    expect((await readJson<PartnerCenterErrorBody>(long)).description).toMatch(/Title: .*255.*Severity: /);
  });

  it('refuses an unknown support topic, a malformed agent locale and malformed JSON', async () => {
    const unknownTopic = await call('POST', '/v1/servicerequests/en-US', aCreateBody({ SupportTopicId: '123' }));
    const badLocale = await call('POST', '/v1/servicerequests/english!', aCreateBody());
    const badJson = await fetch(`${simulator.baseUrl}/v1/servicerequests/en-US`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${simulator.accessToken()}`, 'Content-Type': 'application/json' },
      body: '{"Title":',
    });
    expect((await readJson<PartnerCenterErrorBody>(unknownTopic)).description).toContain('SupportTopicId: "123" is not a support topic');
    expect((await readJson<PartnerCenterErrorBody>(badLocale)).description).toContain('agent-locale');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({ code: 400, description: expect.any(String), errorName: 'BadRequest' });
  });

  it('answers 401 without a bearer token and 404 for an unknown id', async () => {
    const anonymous = await fetch(`${simulator.baseUrl}/v1/servicerequests/supporttopics`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 401, errorName: 'Unauthorized' });

    const unknown = await call('GET', '/v1/servicerequests/999999999999999');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      code: 404,
      errorName: 'ServiceRequestNotFound',
      description: 'No service request with id "999999999999999"',
    });
    expect((await call('PATCH', '/v1/servicerequests/999999999999999', { Status: 'closed' })).status).toBe(404);
  });

  it('updates with a PATCH and refuses one with nothing to do or a wrong value', async () => {
    const { id } = await readJson<ServiceRequestResource>(await call('POST', '/v1/servicerequests/en-US', aCreateBody()));
    const closed = await call('PATCH', `/v1/servicerequests/${id}`, { NewNote: { Text: 'Solved on our side' }, Status: 'closed' });
    expect(closed.status).toBe(200);
    expect(await closed.json()).toMatchObject({ status: 'closed', lastClosedDate: expect.any(String), notes: [{ text: 'Solved on our side' }] });

    expect((await call('PATCH', `/v1/servicerequests/${id}`, {})).status).toBe(400);
    expect((await call('PATCH', `/v1/servicerequests/${id}`, { Status: 'none', Title: null })).status).toBe(400);
    const wrong = await call('PATCH', `/v1/servicerequests/${id}`, { Status: 'resolved', NewNote: { Text: '' } });
    expect((await readJson<PartnerCenterErrorBody>(wrong)).description).toMatch(/NewNote.Text: .*Status: /);
  });

  it("lists every request of the partner, all at once or in pages by size and next link", async () => {
    for (let i = 0; i < 3; i += 1) await call('POST', '/v1/servicerequests/en-US', aCreateBody());
    const all = await readJson<Collection<ServiceRequestResource>>(await call('GET', '/v1/servicerequests'));
    expect(all).toMatchObject({ totalCount: simulator.store.size, attributes: { objectType: 'Collection' } });
    expect(all).not.toHaveProperty('links');

    const pages: string[][] = [];
    let page = await readJson<Collection<ServiceRequestResource>>(await call('GET', '/v1/servicerequests?size=2'));
    pages.push(page.items.map((item) => item.id));
    while (page.links) {
      const { uri, method, headers } = page.links.next;
      expect({ uri, method, headers }).toEqual({
        uri: '/servicerequests?size=2&seekOperation=Next',
        method: 'GET',
        headers: [{ key: 'MS-ContinuationToken', value: expect.any(String) }],
      });
      page = await readJson(await call(method, `/v1${uri}`, undefined, { [headers[0].key]: headers[0].value }));
      pages.push(page.items.map((item) => item.id));
    }
    expect(pages.flat()).toEqual(all.items.map((item) => item.id));
    expect(pages.slice(0, -1).every((ids) => ids.length === 2)).toBe(true);
  });

  it('refuses a list with a bad size, a forged continuation token or no bearer token', async () => {
    const badSize = await call('GET', '/v1/servicerequests?size=0');
    const forged = await call('GET', '/v1/servicerequests?size=2&seekOperation=Next', undefined, { 'MS-ContinuationToken': 'forged' });
    expect((await readJson<PartnerCenterErrorBody>(badSize)).description).toContain('size: "0"');
    expect((await readJson<PartnerCenterErrorBody>(forged)).description).toContain('MS-ContinuationToken');
    expect((await fetch(`${simulator.baseUrl}/v1/servicerequests`)).status).toBe(401);
  });

  it("lists a customer's requests and the support topics as collections", async () => {
    const tenant = 'aaaaaaaa-0000-4000-8000-000000000001';
    await call('POST', '/v1/servicerequests/en-US', aCreateBody({ Organization: { Id: tenant } }));
    const list = await (await call('GET', `/v1/customers/${tenant}/servicerequests`)).json();
    expect(list).toMatchObject({ totalCount: 1, items: [{ organization: { id: tenant } }], attributes: { objectType: 'Collection' } });

    const topics = await readJson<Collection<SupportTopic>>(await call('GET', '/v1/servicerequests/supporttopics'));
    expect(topics.attributes).toEqual({ objectType: 'Collection' });
    expect(topics.items[0]).toEqual({
      name: expect.any(String),
      description: expect.any(String),
      id: expect.stringMatching(/^\d+$/),
      attributes: { objectType: 'SupportTopic' },
    });
  });
});
