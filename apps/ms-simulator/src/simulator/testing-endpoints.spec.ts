import { aCreateBody, callSimulator, readJson, type PartnerCenterErrorBody, type ServiceRequestResource } from '../testing/partner-center-requests';
import { startSimulator, type RunningSimulator } from '../testing/start-simulator';

describe('the testing endpoints under /simulator', () => {
  let simulator: RunningSimulator;
  const call = (method: string, path: string, body?: unknown) => callSimulator(simulator, method, path, body);
  const answerNow = (id: string, body?: unknown) =>
    fetch(`${simulator.baseUrl}/simulator/servicerequests/${id}/answer`, {
      method: 'POST',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => (simulator = await startSimulator({ SIMULATOR_SEED: '1' })));
  afterAll(() => simulator.app.close());

  async function file(): Promise<ServiceRequestResource> {
    return readJson(await call('POST', '/v1/servicerequests/en-US', aCreateBody()));
  }

  it('asks for information on demand: attention_needed until the partner adds a note', async () => {
    const { id, lastModifiedDate } = await file();

    const asked = await answerNow(id, { attentionNeeded: true });
    expect(asked.status).toBe(200);
    const resource = await readJson<ServiceRequestResource>(asked);
    expect(resource.status).toBe('attention_needed');
    expect(resource.notes).toEqual([
      { createdByName: 'Microsoft Support Engineer', createdDate: resource.lastModifiedDate, text: expect.stringContaining('more information') },
    ]);
    expect(Date.parse(resource.lastModifiedDate)).toBeGreaterThanOrEqual(Date.parse(lastModifiedDate));
    expect(simulator.store.scheduledAnswer(id)).toBeUndefined();
    expect(await (await call('GET', `/v1/servicerequests/${id}`)).json()).toEqual(resource);

    const patched = await call('PATCH', `/v1/servicerequests/${id}`, { NewNote: { Text: 'VM ids: vm-1, vm-2' } });
    const replied = await readJson<ServiceRequestResource>(patched);
    expect(replied.status).toBe('open');
    expect(replied.notes.map((note) => note.createdByName)).toEqual(['Microsoft Support Engineer', 'Ada Support']);
  });

  it('answers now without a body', async () => {
    const { id } = await file();
    const answered = await (await answerNow(id)).json();
    expect(answered).toMatchObject({ status: 'open', notes: [{ createdByName: 'Microsoft Support Engineer' }] });
  });

  it('refuses an unknown id and a malformed body', async () => {
    const { id } = await file();
    const unknown = await answerNow('999999999999999');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ errorName: 'ServiceRequestNotFound' });

    const malformed = await answerNow(id, { attentionNeeded: 'yes', note: 'x' });
    expect(malformed.status).toBe(400);
    expect((await readJson<PartnerCenterErrorBody>(malformed)).description).toMatch(/note: .*attentionNeeded: /);
  });

  it('reports health without a token', async () => {
    const response = await fetch(`${simulator.baseUrl}/simulator/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', serviceRequests: simulator.store.size });
  });
});
