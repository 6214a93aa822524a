import { setTimeout as sleep } from 'node:timers/promises';
import { aCreateBody, callSimulator, readJson, type ServiceRequestResource } from '../testing/partner-center-requests';
import { startSimulator, type RunningSimulator } from '../testing/start-simulator';
import { ENGINEER_NAME } from './support-engineer.service';

// 0.0001: severity A's 2 hours become 0.72 s, so an on-time answer comes 0.144–0.648 s after filing.
const FAST = { SIMULATOR_TIME_SCALE: '0.0001', SIMULATOR_SEED: '42' };

describe('the simulated engineer answers on schedule', () => {
  let simulator: RunningSimulator;
  afterEach(() => simulator.app.close());

  async function file(severity: string) {
    const response = await callSimulator(simulator, 'POST', '/v1/servicerequests/en-US', aCreateBody({ Severity: severity }));
    return readJson<ServiceRequestResource>(response);
  }

  function plannedAnswer(id: string) {
    const planned = simulator.store.scheduledAnswer(id);
    if (!planned) throw new Error(`No answer planned for ${id}`);
    return planned;
  }

  async function waitForNotes(id: string, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const resource = await readJson<ServiceRequestResource>(await callSimulator(simulator, 'GET', `/v1/servicerequests/${id}`));
      if (resource.notes.length > 0 || Date.now() > deadline) return resource;
      await sleep(20);
    }
  }

  it('answers a severity A ticket on time, within 0.7 s at a 0.0001 time scale', async () => {
    simulator = await startSimulator({ ...FAST, SIMULATOR_LATE_PROBABILITY: '0', SIMULATOR_ATTENTION_PROBABILITY: '0' });
    const { id, createdDate } = await file('critical');
    const planned = plannedAnswer(id);
    expect(planned).toMatchObject({ late: false, attentionNeeded: false });
    const delay = planned.at.getTime() - Date.parse(createdDate);
    expect(delay).toBeGreaterThanOrEqual(144);
    expect(delay).toBeLessThan(648);

    const answered = await waitForNotes(id, 1_500);
    expect(answered.status).toBe('open');
    expect(answered.notes).toEqual([{ createdByName: ENGINEER_NAME, createdDate: answered.lastModifiedDate, text: expect.any(String) }]);
    expect(Date.parse(answered.lastModifiedDate)).toBeGreaterThanOrEqual(planned.at.getTime());
    expect(Date.parse(answered.lastModifiedDate) - Date.parse(createdDate)).toBeLessThan(700 + 100);
    expect(simulator.store.scheduledAnswer(id)).toBeUndefined();
  });

  it('answers a late ticket only after its target, and can ask for information instead', async () => {
    simulator = await startSimulator({ ...FAST, SIMULATOR_LATE_PROBABILITY: '1', SIMULATOR_ATTENTION_PROBABILITY: '1' });
    const { id, createdDate } = await file('critical');
    const planned = plannedAnswer(id);
    expect(planned).toMatchObject({ late: true, attentionNeeded: true });
    expect(planned.at.getTime() - Date.parse(createdDate)).toBeGreaterThanOrEqual(864);

    const answered = await waitForNotes(id, 2_000);
    expect(Date.parse(answered.lastModifiedDate) - Date.parse(createdDate)).toBeGreaterThanOrEqual(720);
    expect(answered.status).toBe('attention_needed');
    expect(answered.notes).toEqual([expect.objectContaining({ createdByName: ENGINEER_NAME, text: expect.stringContaining('more information') })]);
  });

  it('plans the same answers again with the same seed', async () => {
    const plannedAnswers = async () => {
      simulator = await startSimulator({ SIMULATOR_SEED: '42' });
      const plans: Array<{ late: boolean; attentionNeeded: boolean; delayMs: number }> = [];
      for (const severity of ['critical', 'moderate', 'minimal', 'critical', 'moderate', 'minimal']) {
        const { id, createdDate } = await file(severity);
        const { at, late, attentionNeeded } = plannedAnswer(id);
        plans.push({ late, attentionNeeded, delayMs: at.getTime() - Date.parse(createdDate) });
      }
      return plans;
    };
    const first = await plannedAnswers();
    await simulator.app.close();
    expect(await plannedAnswers()).toEqual(first);
  });

  it('never answers a ticket closed before its answer time', async () => {
    simulator = await startSimulator({ ...FAST, SIMULATOR_LATE_PROBABILITY: '0' });
    const { id } = await file('critical');
    await callSimulator(simulator, 'PATCH', `/v1/servicerequests/${id}`, { Status: 'closed' });
    expect(simulator.store.scheduledAnswer(id)).toBeUndefined();

    await sleep(750);
    expect(simulator.store.get(id)).toMatchObject({ status: 'closed', notes: [] });
  });
});
