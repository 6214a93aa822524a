import { setTimeout as sleep } from 'node:timers/promises';
import { decideHandoffTarget } from '@escalade/domain';
import { aServiceRequest } from '@escalade/domain/testing';
import { startSimulator, type RunningSimulator } from '@escalade/ms-simulator/testing';
import { PartnerCenterClient } from './partner-center.client';
import { PartnerCenterMicrosoftSupport } from './partner-center-microsoft-support';
import type { ResourceCollection, ServiceRequestNote, ServiceRequestResource, ServiceRequestStatus } from './wire';

describe("PartnerCenterMicrosoftSupport notices Microsoft's answer by polling", () => {
  let simulator: RunningSimulator;
  let client: PartnerCenterClient;
  let microsoft: PartnerCenterMicrosoftSupport;
  let sequence = 0;

  // Time scale 1: nothing is answered by schedule during a test unless the testing endpoint says so.
  const start = async (env: NodeJS.ProcessEnv = {}) => {
    simulator = await startSimulator(env);
    client = new PartnerCenterClient({ baseUrl: simulator.baseUrl, agentLocale: 'en-US', tokenProvider: async () => simulator.accessToken() });
    microsoft = new PartnerCenterMicrosoftSupport(client);
  };
  afterEach(() => simulator.app.close());

  async function file(): Promise<string> {
    const request = aServiceRequest();
    sequence += 1;
    const filed = await microsoft.fileServiceRequest({ correlationId: `INC-${sequence}`, target: decideHandoffTarget(request), request });
    return filed.microsoftTicketId;
  }

  const answerNow = (id: string, attentionNeeded: boolean) =>
    fetch(`${simulator.baseUrl}/simulator/servicerequests/${id}/answer`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ attentionNeeded }),
    });

  it("finds no answer while only the partner's contact has written", async () => {
    await start();
    const id = await file();
    expect(await microsoft.findAnswer(id)).toBeUndefined();

    await client.updateServiceRequest(id, { NewNote: { Text: 'Still down at 10:00 UTC.' } });
    expect(await microsoft.findAnswer(id)).toBeUndefined();
  });

  it("finds the engineer's note as the response", async () => {
    await start();
    const id = await file();
    await answerNow(id, false);
    const { notes } = await client.getServiceRequest(id);

    expect(await microsoft.findAnswer(id)).toEqual({
      kind: 'responded',
      answeredAt: notes[0].createdDate,
      note: notes[0].text,
      answeredBy: 'Microsoft Support Engineer',
      progress: { status: 'open', notes },
    });
  });

  it('finds a request for information as attention-needed', async () => {
    await start();
    const id = await file();
    await answerNow(id, true);

    expect(await microsoft.findAnswer(id)).toMatchObject({
      kind: 'attention-needed',
      note: expect.stringContaining('more information'),
      answeredBy: 'Microsoft Support Engineer',
    });
  });

  it('finds the answer the simulator gives on its own schedule', async () => {
    await start({ SIMULATOR_TIME_SCALE: '0.0001', SIMULATOR_SEED: '5', SIMULATOR_LATE_PROBABILITY: '0', SIMULATOR_ATTENTION_PROBABILITY: '0' });
    const id = await file();
    const deadline = Date.now() + 1_500;
    let answer = await microsoft.findAnswer(id);
    while (!answer && Date.now() < deadline) {
      await sleep(50);
      answer = await microsoft.findAnswer(id);
    }
    expect(answer).toMatchObject({ kind: 'responded', answeredBy: 'Microsoft Support Engineer' });
  });

  it('lists every ticket with its status, its notes and the answer findAnswer finds', async () => {
    await start();
    const [unanswered, responded, attention] = [await file(), await file(), await file()];
    await answerNow(responded, false);
    await answerNow(attention, true);
    await client.updateServiceRequest(unanswered, { NewNote: { Text: 'Still down at 10:00 UTC.' } });

    const tickets = await microsoft.listTickets();
    expect(tickets.map((ticket) => ticket.microsoftTicketId)).toEqual([unanswered, responded, attention]);
    for (const { microsoftTicketId, progress, answer } of tickets) {
      expect(progress).toEqual(await microsoft.getProgress(microsoftTicketId));
      expect(answer && { ...answer, progress }).toEqual(await microsoft.findAnswer(microsoftTicketId));
    }
    expect(tickets.map((ticket) => ticket.answer?.kind)).toEqual([undefined, 'responded', 'attention-needed']);
    expect(tickets[0].progress.notes).toEqual([expect.objectContaining({ text: 'Still down at 10:00 UTC.' })]);
  });

  it('reports the status and the notes', async () => {
    await start();
    const id = await file();
    expect(await microsoft.getProgress(id)).toEqual({ status: 'open', notes: [] });

    await answerNow(id, false);
    const progress = await microsoft.getProgress(id);
    expect(progress.status).toBe('open');
    expect(progress.notes).toEqual([expect.objectContaining({ createdByName: 'Microsoft Support Engineer' })]);
  });
});

describe("PartnerCenterMicrosoftSupport lists the tickets in the pages Partner Center chooses", () => {
  const BASE_URL = 'https://api.partnercenter.microsoft.com';
  const contact = { contactId: 'c-1', firstName: 'Ada', lastName: 'Support', email: 'ada@fabrikam.com' };
  const resource = (id: string, status: ServiceRequestStatus, notes: ServiceRequestNote[] = []) =>
    ({ id, status, notes, primaryContact: contact, lastModifiedDate: '2026-11-24T11:00:00Z' }) as ServiceRequestResource;
  const pages: Array<ResourceCollection<ServiceRequestResource>> = [
    {
      totalCount: 1,
      items: [resource('1', 'open', [{ createdByName: 'Ada Support', createdDate: '2026-11-24T10:00:00Z', text: 'Any news?' }])],
      links: {
        next: { uri: '/servicerequests?seekOperation=Next', method: 'GET', headers: [{ key: 'MS-ContinuationToken', value: 'page-2' }] },
      },
      attributes: { objectType: 'Collection' },
    },
    { totalCount: 1, items: [resource('2', 'closed')], attributes: { objectType: 'Collection' } },
  ];

  it('follows the next link with its continuation token and reads each ticket', async () => {
    const requests: Array<{ url: string; token: string | null }> = [];
    const fakeFetch: typeof fetch = async (input, init) => {
      requests.push({ url: String(input), token: new Headers(init?.headers).get('ms-continuationtoken') });
      return new Response(JSON.stringify(pages[requests.length - 1]), { status: 200 });
    };
    const client = new PartnerCenterClient({ baseUrl: BASE_URL, agentLocale: 'en-US', tokenProvider: async () => 't', fetch: fakeFetch });

    expect(await new PartnerCenterMicrosoftSupport(client).listTickets()).toEqual([
      { microsoftTicketId: '1', progress: { status: 'open', notes: pages[0].items[0].notes } },
      {
        microsoftTicketId: '2',
        progress: { status: 'closed', notes: [] },
        answer: { kind: 'responded', answeredAt: '2026-11-24T11:00:00Z', note: 'Closed by Microsoft' },
      },
    ]);
    expect(requests).toEqual([
      { url: `${BASE_URL}/v1/servicerequests`, token: null },
      { url: `${BASE_URL}/v1/servicerequests?seekOperation=Next`, token: 'page-2' },
    ]);
  });
});
