import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import type { DataSource } from 'typeorm';
import { ConfigError, loadAppConfig, loadSupportTopicNames, type AppConfig } from '@escalade/config';
import { aServiceRequest } from '@escalade/domain/testing';
import { InProcessMicrosoftSupport } from '@escalade/microsoft-support';
import { PartnerCenterClient, PartnerCenterMicrosoftSupport, SupportTopicMappingError, type SupportTopicNameOverrides } from '@escalade/partner-center';
import { SupportTopicStore } from '@escalade/persistence';
import { testDatabases } from '@escalade/persistence/testing';
import { startSimulator, type RunningSimulator } from '@escalade/ms-simulator/testing';
import { createServiceRequestActivities, type ActivityDependencies } from '../activities/service-request.activities';
import { SupportTopicsCheck } from './support-topics.check';

describe('SupportTopicsCheck: the mapped support topics checked when the worker starts', () => {
  const database = testDatabases()[0];
  let dataSource: DataSource;
  let store: SupportTopicStore;
  let simulator: RunningSimulator;
  let dir: string;
  const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

  const configOf = (env: NodeJS.ProcessEnv = {}) => {
    const config = loadAppConfig(env);
    return { get: (name: keyof AppConfig) => config[name] } as unknown as ConfigService<AppConfig, true>;
  };
  const partnerCenter = (supportTopicNames?: SupportTopicNameOverrides) =>
    new PartnerCenterMicrosoftSupport(
      new PartnerCenterClient({ baseUrl: simulator.baseUrl, agentLocale: 'en-US', tokenProvider: async () => simulator.accessToken() }),
      { supportTopicNames },
    );
  const simulatorFaults = (method: 'POST' | 'DELETE', body?: unknown) =>
    fetch(`${simulator.baseUrl}/simulator/faults`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    dataSource = await database.open();
    store = new SupportTopicStore(dataSource);
    simulator = await startSimulator();
  });
  afterAll(async () => {
    await simulator.app.close();
    await database.close(dataSource);
    jest.restoreAllMocks();
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-support-topics-check-'));
    jest.clearAllMocks();
  });
  afterEach(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await simulatorFaults('DELETE');
    await dataSource.query('DELETE FROM support_topics');
  });

  it('starts when every name is listed, and stores the list with the products and categories filed under it', async () => {
    const names = { categories: { azure: { 'subscription-management': 'Azure - Subscription management' } } };
    await new SupportTopicsCheck(partnerCenter(names), store, configOf()).onApplicationBootstrap();

    const listing = await store.list();
    expect(listing).toMatchObject({ locale: 'en-US', fetchedAt: expect.any(String) });
    expect(listing.items).toHaveLength(9);
    expect(listing.items.filter((topic) => topic.product)).toEqual([
      { id: '32570010', name: 'Azure - Technical issue', description: expect.any(String), product: 'azure' },
      { id: '32570011', name: 'Azure - Subscription management', description: expect.any(String), product: 'azure', category: 'subscription-management' },
      { id: '32570020', name: 'Office 365 - Technical issue', description: expect.any(String), product: 'office365' },
      { id: '32570030', name: 'Dynamics 365 - Technical issue', description: expect.any(String), product: 'dynamics365' },
      { id: '32570040', name: 'Enterprise Mobility + Security - Technical issue', description: expect.any(String), product: 'ems' },
    ]);
    expect(log).toHaveBeenCalledWith('9 support topics (en-US): every mapped name is among them');
  });

  it('stops the worker with a configuration error naming each unknown name, where it is mapped and the closest names', async () => {
    const file = path.join(dir, 'topics.json');
    fs.writeFileSync(file, JSON.stringify({ products: { azure: 'Azure - Technical isue' }, categories: { office365: { billing: 'Office 365 billing' } } }));
    const check = new SupportTopicsCheck(partnerCenter(loadSupportTopicNames({ SUPPORT_TOPICS_FILE: file })), store, configOf({ SUPPORT_TOPICS_FILE: file }));

    const failure = await check.onApplicationBootstrap().catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).problems).toEqual([
      `SUPPORT_TOPICS_FILE=${file}: products.azure: "Azure - Technical isue" is not among Partner Center's 9 support topics (en-US); ` +
        'closest: "Azure - Technical issue", "Office 365 - Technical issue", "Dynamics 365 - Technical issue"',
      `SUPPORT_TOPICS_FILE=${file}: categories.office365.billing: "Office 365 billing" is not among Partner Center's 9 support topics (en-US); ` +
        'closest: "Office 365 - Mail flow", "Office 365 - Technical issue", "Dynamics 365 - Technical issue"',
    ]);
    expect((await store.list()).items).toHaveLength(9);
  });

  it("starts when Partner Center can't be reached, and checks the names when a filing first reads them", async () => {
    const support = partnerCenter({ products: { ems: 'Intune' } });
    await simulatorFaults('POST', { kind: '500', durationMs: 60_000, operations: ['support-topics'] });
    await new SupportTopicsCheck(support, store, configOf()).onApplicationBootstrap();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^Partner Center's support topics cannot be read \(.*HTTP 500.*\): the mapped names are checked/));
    expect(await store.list()).toEqual({ items: [], locale: null, fetchedAt: null });

    await simulatorFaults('DELETE');
    const storesFilingNeedsNot = {} as Omit<ActivityDependencies, 'microsoftSupport' | 'logger'>;
    const activities = createServiceRequestActivities({ ...storesFilingNeedsNot, microsoftSupport: support, logger: new Logger('activities') });
    const filing = await activities.handOffToMicrosoft({ ticketId: 'topic-1', request: aServiceRequest({ product: 'ems' }) }).catch((err: unknown) => err);

    // A plain error, not Microsoft's rejection: Temporal retries it, and the ticket waits in handing-off.
    expect(filing).toBeInstanceOf(SupportTopicMappingError);
    expect((filing as Error).message).toContain('products.ems: "Intune" is not among');
    expect(error).toHaveBeenCalledWith(expect.stringContaining('support topics (built-in names: set SUPPORT_TOPICS_FILE): products.ems: "Intune" is not among'));
    expect((await store.list()).items).toHaveLength(9);
    expect(await activities.handOffToMicrosoft({ ticketId: 'topic-2', request: aServiceRequest({ product: 'azure' }) })).toMatchObject({ microsoftTicketId: expect.any(String) });
  });

  it('has nothing to check with the in-process Microsoft', async () => {
    await new SupportTopicsCheck(new InProcessMicrosoftSupport(), store, configOf()).onApplicationBootstrap();
    expect(await store.list()).toEqual({ items: [], locale: null, fetchedAt: null });
  });
});
