import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator, type RunningSimulator } from '@escalade/ms-simulator/testing';
import { PartnerCenterClient, type PartnerCenterClientOptions } from './partner-center.client';
import { PartnerCenterCredentialsError, PartnerCenterRejectedError, PartnerCenterUnavailableError, isRetryable } from './partner-center.errors';
import type { CreateServiceRequestBody } from './wire';
import { failureOf } from './testing/failure-of';

const validBody: CreateServiceRequestBody = {
  Title: 'VMs unreachable',
  Description: 'Every VM stopped answering.',
  Severity: 'critical',
  SupportTopicId: '32570010',
  PrimaryContact: { FirstName: 'Ada', LastName: 'Support', Email: 'ada@fabrikam.com' },
};

const clientFor = (baseUrl: string, options: Partial<PartnerCenterClientOptions> = {}) =>
  new PartnerCenterClient({ baseUrl, agentLocale: 'en-US', tokenProvider: async () => 'token', ...options });

describe('PartnerCenterClient: rejections (retrying cannot help)', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => (simulator = await startSimulator()));
  afterAll(() => simulator.app.close());

  it('400 for an invalid body, naming every bad property', async () => {
    const body = { ...validBody, Severity: 'urgent', PrimaryContact: { ...validBody.PrimaryContact, Email: 'not-an-email' } };
    const err = await failureOf(clientFor(simulator.baseUrl, { tokenProvider: async () => simulator.accessToken() }).createServiceRequest(body as never, { requestId: 'k', correlationId: 'c' }));

    expect(err).toBeInstanceOf(PartnerCenterRejectedError);
    expect(err).toMatchObject({ status: 400, code: 400, errorName: 'InvalidInput' });
    expect((err as PartnerCenterRejectedError).description).toMatch(/Severity: .*PrimaryContact\.Email: /);
    expect(isRetryable(err)).toBe(false);
    expect(simulator.store.size).toBe(0);
  });

  it('400 for a support topic the service does not know', async () => {
    const err = await failureOf(
      clientFor(simulator.baseUrl, { tokenProvider: async () => simulator.accessToken() }).createServiceRequest({ ...validBody, SupportTopicId: '1' }, { requestId: 'k', correlationId: 'c' }),
    );
    expect(err).toBeInstanceOf(PartnerCenterRejectedError);
    expect((err as PartnerCenterRejectedError).description).toContain('SupportTopicId');
  });

  it('404 for an unknown service request', async () => {
    const err = await failureOf(clientFor(simulator.baseUrl, { tokenProvider: async () => simulator.accessToken() }).getServiceRequest('999999999999999'));
    expect(err).toBeInstanceOf(PartnerCenterRejectedError);
    expect(err).toMatchObject({ status: 404, errorName: 'ServiceRequestNotFound' });
    expect(err.message).toContain('get service request 999999999999999');
  });
});

describe('PartnerCenterClient: our credentials (fixing them, not the request, cures it)', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => (simulator = await startSimulator()));
  afterAll(() => simulator.app.close());

  it('401 without a token is a credentials failure, never a rejection of the request', async () => {
    const err = await failureOf(clientFor(simulator.baseUrl, { tokenProvider: async () => '' }).listSupportTopics());
    expect(err).toBeInstanceOf(PartnerCenterCredentialsError);
    expect(err).toMatchObject({ status: 401, failure: 'partner-center-refused' });
    expect(isRetryable(err)).toBe(true);
  });
});

describe('PartnerCenterClient: unavailability (a later retry may succeed)', () => {
  let server: Server;
  let baseUrl: string;
  let answer: (req: IncomingMessage, res: ServerResponse) => void;

  beforeAll(async () => {
    server = createServer((req, res) => answer(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const respond = (status: number, body: string, headers: Record<string, string> = {}) =>
    (answer = (_req, res) => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body));

  it('503 with a Partner Center error body', async () => {
    respond(503, JSON.stringify({ code: 503, description: 'Service is temporarily unavailable', errorName: 'ServiceUnavailable' }));
    const err = await failureOf(clientFor(baseUrl).getServiceRequest('1'));
    expect(err).toBeInstanceOf(PartnerCenterUnavailableError);
    expect(err).toMatchObject({ status: 503, retryAfterMs: undefined });
    expect(err.message).toContain('Service is temporarily unavailable');
    expect(isRetryable(err)).toBe(true);
  });

  it('502 from a gateway with an HTML body', async () => {
    respond(502, '<html>Bad gateway</html>', { 'content-type': 'text/html' });
    const err = await failureOf(clientFor(baseUrl).listSupportTopics());
    expect(err).toBeInstanceOf(PartnerCenterUnavailableError);
    expect(err.message).toContain('<html>Bad gateway</html>');
  });

  it('429 carrying Retry-After in seconds', async () => {
    respond(429, JSON.stringify({ code: 429, description: 'Too many requests' }), { 'retry-after': '7' });
    const err = await failureOf(clientFor(baseUrl).getServiceRequest('1'));
    expect(err).toBeInstanceOf(PartnerCenterUnavailableError);
    expect(err).toMatchObject({ status: 429, retryAfterMs: 7000 });
  });

  it('429 carrying Retry-After as an HTTP date', async () => {
    respond(429, '{}', { 'retry-after': new Date(Date.now() + 60_000).toUTCString() });
    const err = (await failureOf(clientFor(baseUrl).getServiceRequest('1'))) as PartnerCenterUnavailableError;
    expect(err.retryAfterMs).toBeGreaterThan(55_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('408 request time-out', async () => {
    respond(408, '{}');
    expect(await failureOf(clientFor(baseUrl).getServiceRequest('1'))).toBeInstanceOf(PartnerCenterUnavailableError);
  });

  it('no answer within the time-out', async () => {
    answer = () => undefined;
    const err = await failureOf(clientFor(baseUrl, { timeoutMs: 100 }).getServiceRequest('1'));
    expect(err).toBeInstanceOf(PartnerCenterUnavailableError);
    expect(err.message).toContain('no answer within 100 ms');
  });

  it('a 2xx whose body is not JSON', async () => {
    respond(200, 'OK', { 'content-type': 'text/plain' });
    const err = await failureOf(clientFor(baseUrl).getServiceRequest('1'));
    expect(err).toBeInstanceOf(PartnerCenterUnavailableError);
    expect(err).toMatchObject({ status: 200 });
  });

  it('network failure: nothing listens on the port', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));

    const err = await failureOf(clientFor(`http://127.0.0.1:${port}`).getServiceRequest('1'));
    expect(err).toBeInstanceOf(PartnerCenterUnavailableError);
    expect(err).toMatchObject({ status: undefined });
    expect(err.message).toContain(`network failure (fetch failed: connect ECONNREFUSED 127.0.0.1:${port})`);
    expect(err.cause).toBeDefined();
    expect(isRetryable(err)).toBe(true);
  });

  it('only errors of this client are retryable', () => {
    expect(isRetryable(new Error('boom'))).toBe(false);
    expect(isRetryable(undefined)).toBe(false);
  });
});
