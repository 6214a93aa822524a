import { startSimulator, type RunningSimulator } from '@escalade/ms-simulator/testing';
import { PartnerCenterClient } from '../partner-center.client';
import { PartnerCenterUnavailableError } from '../partner-center.errors';
import { SupportTopicCatalogue, type SupportTopicSnapshot } from './support-topic-catalogue';

const HOUR = 3_600_000;

describe('SupportTopicCatalogue (real HTTP against the simulator)', () => {
  let simulator: RunningSimulator;
  let now: number;
  let warnings: string[];

  const simulatorControl = (method: string, path: string, body?: unknown) =>
    fetch(`${simulator.baseUrl}/simulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const failTopics = () => simulatorControl('POST', 'faults', { kind: '500', durationMs: 60_000, operations: ['support-topics'] });
  const topicRequests = async () => {
    const { items } = (await (await simulatorControl('GET', 'requests')).json()) as { items: Array<{ operation: string }> };
    return items.filter((request) => request.operation === 'support-topics').length;
  };
  const catalogue = (agentLocale = 'en-US') =>
    new SupportTopicCatalogue(new PartnerCenterClient({ baseUrl: simulator.baseUrl, agentLocale, tokenProvider: async () => simulator.accessToken() }), {
      ttlMs: HOUR,
      retryMs: 60_000,
      now: () => now,
      logger: { warn: (message) => warnings.push(message) },
    });

  beforeAll(async () => (simulator = await startSimulator()));
  afterAll(() => simulator.app.close());
  beforeEach(() => {
    now = Date.parse('2026-11-27T10:00:00.000Z');
    warnings = [];
  });
  afterEach(() => simulatorControl('DELETE', 'faults'));

  it('asks in the agent locale (X-Locale) and says which, and when', async () => {
    const snapshot = await catalogue('fr-FR').current();
    expect(snapshot).toMatchObject({ locale: 'fr-FR', fetchedAt: '2026-11-27T10:00:00.000Z' });
    expect(snapshot.topics.map((topic) => topic.name)).toContain('Azure - Problème technique');
    expect((await catalogue('en-US').current()).topics.map((topic) => topic.name)).toContain('Azure - Technical issue');
  });

  it('keeps the list for its TTL, concurrent callers sharing one fetch, then fetches it again', async () => {
    const topics = catalogue();
    const before = await topicRequests();
    const [first, ...others] = await Promise.all([topics.current(), topics.current(), topics.current()]);
    for (const other of others) expect(other).toBe(first);
    now += HOUR - 1;
    expect(await topics.current()).toBe(first);
    expect(await topicRequests()).toBe(before + 1);

    now += 1;
    expect((await topics.current()).fetchedAt).toBe('2026-11-27T11:00:00.000Z');
    expect(await topicRequests()).toBe(before + 2);
  });

  it('tells its listeners of each list fetched', async () => {
    const topics = catalogue();
    const heard: SupportTopicSnapshot[] = [];
    topics.onRefresh((snapshot) => heard.push(snapshot));
    const first = await topics.current();
    await topics.current();
    now += HOUR;
    const second = await topics.current();
    expect(heard).toEqual([first, second]);
  });

  it('keeps the last good list when a refresh fails, and tries again a retry delay later', async () => {
    const topics = catalogue();
    const good = await topics.current();
    await failTopics();
    now += HOUR;
    const before = await topicRequests();

    expect(await topics.current()).toBe(good);
    expect(warnings).toEqual([expect.stringMatching(/^Support topics: refreshing the list failed \(.*HTTP 500.*\); keeping the one fetched at 2026-11-27T10:00:00.000Z, trying again in 60 s$/)]);
    now += 59_999;
    expect(await topics.current()).toBe(good);
    expect(await topicRequests()).toBe(before + 1);

    await simulatorControl('DELETE', 'faults');
    now += 1;
    expect((await topics.current()).fetchedAt).toBe('2026-11-27T11:01:00.000Z');
    expect(await topicRequests()).toBe(before + 2);
  });

  it('fails when no list was ever fetched, and asks again on the next call', async () => {
    const topics = catalogue();
    await failTopics();
    await expect(topics.current()).rejects.toThrow(PartnerCenterUnavailableError);
    await simulatorControl('DELETE', 'faults');
    expect((await topics.current()).topics.length).toBeGreaterThan(0);
  });
});
