import { processRegistry } from '@escalade/metrics';
import { ScrapedMetrics } from '@escalade/metrics/testing';
import { PartnerCenterClient } from './partner-center.client';
import { failureOf } from './testing/failure-of';

const SERIES = 'escalade_partner_center_request_duration_seconds';
const REQUEST_ID = '2604170010001234';

/** A client whose every request is answered `status` (with a JSON body), or fails on the network with `status` undefined. */
const clientAnswering = (status?: number) =>
  new PartnerCenterClient({
    baseUrl: 'https://partner-center.test',
    agentLocale: 'en-US',
    tokenProvider: async () => 'token',
    fetch: async () => {
      if (status === undefined) throw new TypeError('fetch failed');
      return new Response(JSON.stringify({ id: REQUEST_ID, description: 'as told' }), { status, headers: { 'content-type': 'application/json' } });
    },
  });

const scrape = async () => new ScrapedMetrics(await processRegistry.metrics());

describe('PartnerCenterClient metrics', () => {
  it('times each call by operation and outcome: ok or the class of its error, never naming what it was about', async () => {
    const before = await scrape();
    await clientAnswering(200).getServiceRequest(REQUEST_ID);
    for (const status of [404, 401, 429, 503, undefined]) await failureOf(clientAnswering(status).getServiceRequest(REQUEST_ID));
    await failureOf(clientAnswering(500).listSupportTopics());

    const after = await scrape();
    const calls = (operation: string, outcome: string) => after.value(SERIES, { operation, outcome }) - before.value(SERIES, { operation, outcome });
    expect(['ok', 'rejected', 'credentials', 'throttled', 'unavailable'].map((outcome) => calls('get service request', outcome))).toEqual([1, 1, 1, 1, 2]);
    expect(calls('list support topics', 'unavailable')).toBe(1);
    expect(after.text).not.toContain(REQUEST_ID);
  });
});
