import { randomUUID } from 'node:crypto';
import { decideHandoffTarget } from '@escalade/domain';
import { aServiceRequest } from '@escalade/domain/testing';
import { startSimulator, type RunningSimulator } from '@escalade/ms-simulator/testing';
import { PartnerCenterClient } from './partner-center.client';
import { PartnerCenterUnavailableError } from './partner-center.errors';
import { PartnerCenterMicrosoftSupport } from './partner-center-microsoft-support';

describe('filing under retry creates one Partner Center ticket per idempotency key', () => {
  let simulator: RunningSimulator;
  let client: PartnerCenterClient;
  let microsoft: PartnerCenterMicrosoftSupport;

  beforeAll(async () => {
    simulator = await startSimulator();
    client = new PartnerCenterClient({ baseUrl: simulator.baseUrl, agentLocale: 'en-US', tokenProvider: async () => simulator.accessToken() });
    microsoft = new PartnerCenterMicrosoftSupport(client);
  });
  afterAll(() => simulator.app.close());

  const commandFor = (customerTenantId: string, correlationId: string) => {
    const request = aServiceRequest({ customer: { tenantId: customerTenantId } });
    return { correlationId, target: decideHandoffTarget(request), request };
  };

  it('returns the same ticket for the same key, and the customer has one ticket', async () => {
    const customer = randomUUID();
    const first = await microsoft.fileServiceRequest(commandFor(customer, 'INC-1'));
    const retry = await microsoft.fileServiceRequest(commandFor(customer, 'INC-1'));

    expect(retry).toEqual(first);
    const listed = await client.listCustomerServiceRequests(customer);
    expect(listed.items.map((item) => item.id)).toEqual([first.microsoftTicketId]);
  });

  it('files two tickets for two keys', async () => {
    const customer = randomUUID();
    const first = await microsoft.fileServiceRequest(commandFor(customer, 'INC-2'));
    const second = await microsoft.fileServiceRequest(commandFor(customer, 'INC-3'));

    expect(second.microsoftTicketId).not.toBe(first.microsoftTicketId);
    expect((await client.listCustomerServiceRequests(customer)).totalCount).toBe(2);
  });

  it('files once when the response to the first attempt is lost and the call is retried', async () => {
    let creates = 0;
    // Only the create's answer is lost: the adapter first reads the support topics, through the same fetch.
    const losingFirstResponse: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method === 'POST') {
        creates += 1;
        if (creates === 1) throw new TypeError('fetch failed: socket hang up');
      }
      return response;
    };
    const flaky = new PartnerCenterMicrosoftSupport(
      new PartnerCenterClient({ baseUrl: simulator.baseUrl, agentLocale: 'en-US', tokenProvider: async () => simulator.accessToken(), fetch: losingFirstResponse }),
    );
    const customer = randomUUID();

    await expect(flaky.fileServiceRequest(commandFor(customer, 'INC-4'))).rejects.toThrow(PartnerCenterUnavailableError);
    const retried = await flaky.fileServiceRequest(commandFor(customer, 'INC-4'));

    const listed = await client.listCustomerServiceRequests(customer);
    expect(listed.items.map((item) => item.id)).toEqual([retried.microsoftTicketId]);
  });
});
