import { randomUUID } from 'node:crypto';
import { decideHandoffTarget } from '@escalade/domain';
import { aServiceRequest, type ServiceRequestOverrides } from '@escalade/domain/testing';
import { startSimulator, type RunningSimulator } from '@escalade/ms-simulator/testing';
import { PartnerCenterClient } from './partner-center.client';
import { PartnerCenterMicrosoftSupport } from './partner-center-microsoft-support';
import { DEFAULT_SUPPORT_TOPIC_NAMES, SupportTopicMappingError } from './support-topics';

describe('PartnerCenterMicrosoftSupport maps the domain request onto the stored service request', () => {
  let simulator: RunningSimulator;
  let client: PartnerCenterClient;
  let microsoft: PartnerCenterMicrosoftSupport;

  beforeAll(async () => {
    simulator = await startSimulator();
    client = new PartnerCenterClient({ baseUrl: simulator.baseUrl, agentLocale: 'en-US', tokenProvider: async () => simulator.accessToken() });
    microsoft = new PartnerCenterMicrosoftSupport(client);
  });
  afterAll(() => simulator.app.close());

  async function fileAndRead(overrides: ServiceRequestOverrides = {}, adapter = microsoft) {
    const request = aServiceRequest(overrides);
    const target = decideHandoffTarget(request);
    const { microsoftTicketId } = await adapter.fileServiceRequest({ correlationId: randomUUID(), target, request });
    return { request, target, microsoftTicketId, stored: await client.getServiceRequest(microsoftTicketId) };
  }

  it('maps every field of an Azure request', async () => {
    const { request, target, microsoftTicketId, stored } = await fileAndRead();
    expect(microsoftTicketId).toMatch(/^\d{15}$/);
    expect(stored).toEqual({
      id: microsoftTicketId,
      title: 'Virtual machines unreachable',
      description:
        `${request.description}\n\nCustomer: Contoso Ltd (contoso.com, tenant 11111111-1111-1111-1111-111111111111). ` +
        `Portal: ${target.url}`,
      severity: 'critical',
      supportTopicId: '32570010',
      supportTopicName: 'Azure - Technical issue',
      status: 'open',
      organization: { id: request.customer.tenantId, name: 'Contoso Ltd', phoneNumbers: [] },
      primaryContact: {
        contactId: expect.any(String),
        firstName: 'Ada',
        lastName: 'Support',
        email: 'ada@fabrikam.com',
        phoneNumber: '+33 1 23 45 67 89',
      },
      productName: 'Azure',
      createdDate: expect.any(String),
      lastModifiedDate: expect.any(String),
      notes: [],
      attributes: { objectType: 'ServiceRequest' },
    });
    expect(target.url).toBe('https://portal.azure.com/#@contoso.com');
    expect(simulator.store.get(microsoftTicketId)).toEqual(stored);
  });

  it.each([
    ['A', 'critical'],
    ['B', 'moderate'],
    ['C', 'minimal'],
  ] as const)('files severity %s as %s', async (severity, expected) => {
    const { stored } = await fileAndRead({ severity });
    expect(stored.severity).toBe(expected);
  });

  it.each([
    ['office365', 'Office 365', 'Office 365 - Technical issue'],
    ['dynamics365', 'Dynamics 365', 'Dynamics 365 - Technical issue'],
    ['ems', 'Enterprise Mobility + Security', 'Enterprise Mobility + Security - Technical issue'],
  ] as const)('files %s with its product name and default support topic', async (product, productName, topicName) => {
    const { stored, target } = await fileAndRead({ product });
    expect(stored).toMatchObject({ productName, supportTopicName: topicName });
    expect(stored.description).toContain(`Portal: ${target.url}`);
  });

  it('names by default only support topics the service lists', async () => {
    const listed = (await client.listSupportTopics()).items.map((topic) => topic.name);
    expect(listed).toEqual(expect.arrayContaining(Object.values(DEFAULT_SUPPORT_TOPIC_NAMES.products)));
  });

  it("takes a product's support topic by name from its options", async () => {
    const adapter = new PartnerCenterMicrosoftSupport(client, { supportTopicNames: { products: { azure: 'azure -  subscription MANAGEMENT' } } });
    const { stored } = await fileAndRead({}, adapter);
    expect(stored).toMatchObject({ supportTopicId: '32570011', supportTopicName: 'Azure - Subscription management' });
  });

  it("takes a category's support topic over its product's", async () => {
    const adapter = new PartnerCenterMicrosoftSupport(client, { supportTopicNames: { categories: { office365: { licensing: 'Office 365 - Mail flow' } } } });
    expect((await fileAndRead({ product: 'office365', category: 'licensing' }, adapter)).stored.supportTopicName).toBe('Office 365 - Mail flow');
    expect((await fileAndRead({ product: 'office365', category: 'billing' }, adapter)).stored.supportTopicName).toBe('Office 365 - Technical issue');
  });

  it('files nothing under a name Partner Center does not list, and says which', async () => {
    const adapter = new PartnerCenterMicrosoftSupport(client, { supportTopicNames: { products: { ems: 'Intune' } } });
    const before = simulator.store.size;
    const failure = await fileAndRead({ product: 'ems' }, adapter).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(SupportTopicMappingError);
    expect((failure as Error).message).toMatch(/^Support topics not found in Partner Center's list: products\.ems: "Intune" is not among Partner Center's \d+ support topics \(en-US\); closest: /);
    expect(simulator.store.size).toBe(before);
  });

  it('prefers the support topic the request names over the product default', async () => {
    const { stored } = await fileAndRead({ supportTopicId: '32570011' });
    expect(stored).toMatchObject({ supportTopicId: '32570011', supportTopicName: 'Azure - Subscription management' });
  });

  it('splits the contact name on its last word and leaves out a missing phone', async () => {
    const { stored } = await fileAndRead({ contact: { name: '  Mary Ann  Smith ', phone: undefined } });
    expect(stored.primaryContact).toEqual({ contactId: expect.any(String), firstName: 'Mary Ann', lastName: 'Smith', email: 'ada@fabrikam.com' });
    const single = await fileAndRead({ contact: { name: 'Ada' } });
    expect(single.stored.primaryContact).toMatchObject({ firstName: 'Ada', lastName: '' });
  });

  it('refuses a marketplace request without calling Partner Center', async () => {
    const request = aServiceRequest({ product: 'marketplace' });
    const target = decideHandoffTarget(aServiceRequest());
    const before = simulator.store.size;
    await expect(microsoft.fileServiceRequest({ correlationId: randomUUID(), target, request })).rejects.toThrow(/ISV/);
    expect(simulator.store.size).toBe(before);
  });
});
