import { setTimeout as sleep } from 'node:timers/promises';
import { aServiceRequest, decideHandoffTarget } from '@escalade/domain';
import { startSimulator, type RunningSimulator } from '../../../apps/ms-simulator/src/testing/start-simulator';
import { PartnerCenterClient } from './partner-center.client';
import { PartnerCenterMicrosoftSupport } from './partner-center-microsoft-support';

describe("PartnerCenterMicrosoftSupport notices Microsoft's answer by polling", () => {
  let simulator: RunningSimulator;
  let client: PartnerCenterClient;
  let microsoft: PartnerCenterMicrosoftSupport;
  let sequence = 0;

  // Time scale 1: nothing is answered by schedule during a test unless the testing endpoint says so.
  const start = async (env: NodeJS.ProcessEnv = {}) => {
    simulator = await startSimulator(env);
    client = new PartnerCenterClient({ baseUrl: simulator.baseUrl, agentLocale: 'en-US', tokenProvider: async () => 'token' });
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
