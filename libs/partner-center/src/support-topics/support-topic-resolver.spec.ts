import { startSimulator, type RunningSimulator } from '@escalade/ms-simulator/testing';
import { PartnerCenterClient } from '../partner-center.client';
import { SupportTopicCatalogue } from './support-topic-catalogue';
import { SupportTopicMappingError } from './support-topic-mapping.error';
import { withDefaultNames, type SupportTopicNameOverrides } from './support-topic-names';
import { SupportTopicResolver } from './support-topic-resolver';

describe('SupportTopicResolver: names to ids against the simulator’s catalogue', () => {
  let simulator: RunningSimulator;
  const resolver = (overrides?: SupportTopicNameOverrides, agentLocale = 'en-US') =>
    new SupportTopicResolver(
      new SupportTopicCatalogue(new PartnerCenterClient({ baseUrl: simulator.baseUrl, agentLocale, tokenProvider: async () => simulator.accessToken() })),
      withDefaultNames(overrides),
    );

  beforeAll(async () => (simulator = await startSimulator()));
  afterAll(() => simulator.app.close());

  it("resolves each product's default name to its id", async () => {
    const topics = resolver();
    expect(await topics.idFor('azure', 'technical')).toBe('32570010');
    expect(await topics.idFor('office365', 'billing')).toBe('32570020');
    expect(await topics.idFor('dynamics365', 'technical')).toBe('32570030');
    expect(await topics.idFor('ems', 'licensing')).toBe('32570040');
  });

  it("takes a category's name over its product's, for that category only, case and spacing aside", async () => {
    const topics = resolver({ categories: { azure: { 'subscription-management': '  AZURE - subscription   management ' } } });
    expect(await topics.idFor('azure', 'subscription-management')).toBe('32570011');
    expect(await topics.idFor('azure', 'technical')).toBe('32570010');
    expect(await topics.idFor('office365', 'subscription-management')).toBe('32570020');
  });

  it('refuses a name the catalogue does not list, naming where it is mapped and the closest names', async () => {
    const topics = resolver({ categories: { azure: { billing: 'Azure - Billing' } } });
    const failure = await topics.idFor('azure', 'billing').catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(SupportTopicMappingError);
    expect((failure as SupportTopicMappingError).problems).toEqual([
      { at: 'categories.azure.billing', name: 'Azure - Billing', closest: ['Azure - Technical issue', 'Azure - Subscription management', 'Marketplace - Purchase and billing'] },
    ]);
    expect((failure as Error).message).toBe(
      "Support topics not found in Partner Center's list: categories.azure.billing: \"Azure - Billing\" is not among Partner Center's 9 support topics (en-US); " +
        'closest: "Azure - Technical issue", "Azure - Subscription management", "Marketplace - Purchase and billing"',
    );
    expect(await topics.idFor('azure', 'technical')).toBe('32570010');
  });

  it('lists every mapped name a catalogue lacks: the English defaults against the French catalogue', async () => {
    const topics = resolver({ categories: { office365: { technical: 'Office 365 - Flux de messagerie' } } }, 'fr-FR');
    const problems = topics.problemsIn(await topics.catalogue.current());
    expect(problems.map(({ at }) => at)).toEqual(['products.azure', 'products.office365', 'products.dynamics365', 'products.ems']);
    expect(problems[0]).toEqual({
      at: 'products.azure',
      name: 'Azure - Technical issue',
      closest: ['Azure - Problème technique', 'Azure - Gestion des abonnements', 'Office 365 - Flux de messagerie'],
    });
    expect(await topics.idFor('office365', 'technical')).toBe('32570021');
  });
});
