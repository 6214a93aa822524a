import type { Collection } from '../http/collection';
import { aCreateBody, callSimulator, readJson, type ServiceRequestResource } from '../testing/partner-center-requests';
import { startSimulator, type RunningSimulator } from '../testing/start-simulator';
import type { SupportTopic } from './support-topic.catalogue';

describe("the support topics, in the caller's locale", () => {
  let simulator: RunningSimulator;
  const topics = async (locale?: string) =>
    (await readJson<Collection<SupportTopic>>(await callSimulator(simulator, 'GET', '/v1/servicerequests/supporttopics', undefined, locale ? { 'X-Locale': locale } : {}))).items;

  beforeAll(async () => (simulator = await startSimulator()));
  afterAll(() => simulator.app.close());

  it("starts with Partner Center's documented topics and has one findable by name for each product Escalade hands off", async () => {
    const english = await topics('en-US');
    expect(english.slice(0, 2)).toEqual([
      {
        name: 'Partner Center Issues',
        description: 'Microsoft 365 questions from the CSP (Cloud Solution Provider) partners using Partner Center',
        id: '32444667',
        attributes: { objectType: 'SupportTopic' },
      },
      {
        name: 'Cannot manage my profile',
        description: 'Issues that are related to errors or problems with managing a profile',
        id: '32444671',
        attributes: { objectType: 'SupportTopic' },
      },
    ]);
    const names = english.map((topic) => topic.name);
    for (const product of ['Azure', 'Office 365', 'Dynamics 365', 'Enterprise Mobility + Security', 'Marketplace']) {
      expect(names).toContainEqual(expect.stringMatching(new RegExp(`^${product.replace('+', '\\+')} - `)));
    }
    expect(new Set(names).size).toBe(names.length);
  });

  it('answers in French for an fr-* X-Locale, with the same ids, and in English for a locale it does not have', async () => {
    const [english, french, german] = await Promise.all([topics('en-US'), topics('fr-CA'), topics('de-DE')]);
    expect(french.map((t) => t.id)).toEqual(english.map((t) => t.id));
    expect(french.find((t) => t.id === '32570010')?.name).toBe('Azure - Problème technique');
    expect(german).toEqual(english);
    expect(await topics()).toEqual(english);
  });

  it("names the topic of a request in the agent locale's language", async () => {
    const created = await readJson<ServiceRequestResource>(await callSimulator(simulator, 'POST', '/v1/servicerequests/fr-FR', aCreateBody()));
    expect(created.supportTopicName).toBe('Azure - Problème technique');
  });
});
