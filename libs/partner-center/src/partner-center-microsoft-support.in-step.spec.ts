import { decideHandoffTarget } from '@escalade/domain';
import { aServiceRequest } from '@escalade/domain/testing';
import { startSimulator, type RunningSimulator } from '@escalade/ms-simulator/testing';
import { PartnerCenterClient } from './partner-center.client';
import { PartnerCenterMicrosoftSupport } from './partner-center-microsoft-support';

describe("PartnerCenterMicrosoftSupport keeps Microsoft's ticket in step with ours", () => {
  let simulator: RunningSimulator;
  let client: PartnerCenterClient;
  let microsoft: PartnerCenterMicrosoftSupport;
  const patches: string[] = [];

  beforeAll(async () => {
    simulator = await startSimulator();
    const countingFetch: typeof fetch = (input, init) => {
      if (init?.method === 'PATCH') patches.push(String(init.body));
      return fetch(input, init);
    };
    client = new PartnerCenterClient({
      baseUrl: simulator.baseUrl,
      agentLocale: 'en-US',
      tokenProvider: async () => simulator.accessToken(),
      fetch: countingFetch,
    });
    microsoft = new PartnerCenterMicrosoftSupport(client);
  });
  afterAll(() => simulator.app.close());
  beforeEach(() => patches.splice(0));

  const file = async (correlationId: string) => {
    const request = aServiceRequest();
    return (await microsoft.fileServiceRequest({ correlationId, target: decideHandoffTarget(request), request })).microsoftTicketId;
  };

  it('adds a note once however often it is sent, marked as ours, and never reads it back as an answer or news', async () => {
    const id = await file('INC-NOTE-1');

    await microsoft.sendNote(id, { text: 'Logs are on the portal', ref: 'INC-NOTE-1:note:1' });
    await microsoft.sendNote(id, { text: 'Logs are on the portal', ref: 'INC-NOTE-1:note:1' });

    expect(patches).toHaveLength(1);
    const { notes } = await client.getServiceRequest(id);
    expect(notes?.map((note) => note.text)).toEqual(['Logs are on the portal\n\n[Escalade INC-NOTE-1:note:1]']);
    expect(await microsoft.findAnswer(id)).toBeUndefined();
    expect((await microsoft.getProgress(id)).notes).toEqual([]);
  });

  it("closes Microsoft's ticket once, and says so when Microsoft had closed it already", async () => {
    const id = await file('INC-CLOSE-1');

    expect(await microsoft.closeTicket(id)).toBe('closed');
    expect(await microsoft.closeTicket(id)).toBe('already-closed');

    expect(patches).toEqual([JSON.stringify({ Status: 'closed' })]);
    expect((await client.getServiceRequest(id)).status).toBe('closed');
  });
});
