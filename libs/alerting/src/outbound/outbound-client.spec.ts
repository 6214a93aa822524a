import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startCanary, type CanaryServer } from '../testing/canary-server';
import { loopbackOutbound } from '../testing/loopback-outbound';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver';
import { DestinationPolicy } from './destination-policy';
import { OutboundClient } from './outbound-client';
import type { ResolvedAddress, ResolveHost } from './resolver';

const PUBLIC = { address: '93.184.215.14', family: 4 };
const LOOPBACK = { address: '127.0.0.1', family: 4 };
const request = { headers: { 'content-type': 'application/json' }, body: '{"kind":"breach"}' };
/** A deployment with ALERT_ALLOWED_HOSTS unset: nothing internal admitted. */
const strictPolicy = () => new DestinationPolicy({ production: false });
/** Each call answers the next answer; the last one repeats. */
const answering = (...answers: ResolvedAddress[][]): ResolveHost & { calls: number } => {
  const lookup = Object.assign(async () => answers[Math.min(lookup.calls++, answers.length - 1)], { calls: 0 });
  return lookup;
};

describe('OutboundClient', () => {
  let canary: CanaryServer;
  let receiver: WebhookReceiver | undefined;
  let server: Server | undefined;
  beforeEach(async () => {
    canary = await startCanary();
  });
  afterEach(async () => {
    await receiver?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    [receiver, server] = [undefined, undefined];
    await canary.close();
  });

  /** A server answering `handle` on loopback, for answers the webhook receiver does not script. */
  const serve = async (handle: Parameters<typeof createServer>[1]) => {
    server = createServer(handle);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  };

  it('POSTs to an admitted receiver and returns its status and body', async () => {
    receiver = await startWebhookReceiver([{ status: 202, body: 'accepted' }]);
    const answer = await loopbackOutbound().post(receiver.url, request);
    expect(answer).toEqual({ status: 202, body: Buffer.from('accepted'), truncated: false });
    expect(receiver.received).toEqual([{ headers: expect.objectContaining({ 'content-type': 'application/json' }), body: request.body }]);
  });

  it('refuses a host name that resolves to loopback, before connecting', async () => {
    const client = new OutboundClient(strictPolicy(), { lookup: answering([LOOPBACK]) });
    const url = `https://internal.example:${canary.port}/admin`;
    expect(await client.refusalOf(url)).toBe('internal.example resolves to loopback address 127.0.0.1 (ALERT_ALLOWED_HOSTS does not admit it)');
    await expect(client.post(url, request)).rejects.toMatchObject({
      reason: 'refused: internal.example resolves to loopback address 127.0.0.1 (ALERT_ALLOWED_HOSTS does not admit it)',
    });
    expect(canary.hits).toBe(0);
  });

  it('judges the addresses it connects to: a name that answered public when checked and loopback when connecting is refused', async () => {
    const lookup = answering([PUBLIC], [LOOPBACK]);
    const client = new OutboundClient(strictPolicy(), { lookup });
    const url = `https://rebinding.example:${canary.port}/admin`;
    expect(await client.refusalOf(url)).toBeUndefined();
    await expect(client.post(url, request)).rejects.toMatchObject({ reason: expect.stringMatching(/^refused: rebinding\.example resolves to loopback address 127\.0\.0\.1/) });
    expect(lookup.calls).toBe(2);
    expect(canary.hits).toBe(0);
  });

  it('refuses a name when any of its addresses is internal, whichever family the socket asks for', async () => {
    const client = new OutboundClient(strictPolicy(), { lookup: answering([PUBLIC, { address: '::1', family: 6 }]) });
    await expect(client.post(`https://dual.example:${canary.port}/`, request)).rejects.toMatchObject({
      reason: 'refused: dual.example resolves to loopback address ::1 (ALERT_ALLOWED_HOSTS does not admit it)',
    });
    expect(canary.hits).toBe(0);
  });

  it('connects to the address its check admitted', async () => {
    receiver = await startWebhookReceiver([204]);
    const url = new URL(receiver.url);
    url.hostname = 'receiver.example';
    const client = new OutboundClient(new DestinationPolicy({ allowedHosts: ['127.0.0.1'], production: false }), { lookup: answering([LOOPBACK]) });
    expect((await client.post(url.href, request)).status).toBe(204);
    expect(receiver.received[0].headers.host).toBe(`receiver.example:${url.port}`);
  });

  it('does not follow a redirect, to an internal address or anywhere', async () => {
    receiver = await startWebhookReceiver([{ status: 307, headers: { location: `http://127.0.0.1:${canary.port}/admin` } }]);
    const answer = await loopbackOutbound().post(receiver.url, request);
    expect(answer.status).toBe(307);
    expect(receiver.received).toHaveLength(1);
    expect(canary.hits).toBe(0);
  });

  it('reads no more of an answer than the cap, and keeps its status', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(500);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        while (res.write(chunk));
      };
      res.on('drain', pump);
      pump(); // endless: only the client's cap ends it
    });
    const started = Date.now();
    const answer = await loopbackOutbound({ maxResponseBytes: 1024, timeoutMs: 5_000 }).post(url, request);
    expect(answer).toEqual({ status: 500, body: Buffer.alloc(1024, 'x'), truncated: true });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('gives an answer whose body never ends the time-out, with the status it had', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200);
      res.write('partial');
    });
    expect(await loopbackOutbound({ timeoutMs: 300 }).post(url, request)).toEqual({ status: 200, body: Buffer.from('partial'), truncated: true });
  });

  it('times out a receiver that never answers, and a connection that never comes', async () => {
    receiver = await startWebhookReceiver(['hang']);
    await expect(loopbackOutbound({ timeoutMs: 300 }).post(receiver.url, request)).rejects.toMatchObject({ reason: 'timeout: no answer within 300 ms' });
    const neverResolves = new OutboundClient(strictPolicy(), { lookup: () => new Promise(() => undefined), connectTimeoutMs: 200 });
    await expect(neverResolves.post('https://slow-dns.example/', request)).rejects.toMatchObject({ reason: 'timeout: no connection within 200 ms' });
  });

  it('classifies network failures in its own words', async () => {
    const closed = await startWebhookReceiver([200]);
    await closed.close();
    await expect(loopbackOutbound().post(closed.url, request)).rejects.toMatchObject({ reason: 'connection refused' });

    const unknownHost = Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.example'), { code: 'ENOTFOUND' });
    const client = new OutboundClient(strictPolicy(), { lookup: () => Promise.reject(unknownHost) });
    await expect(client.post('https://nowhere.example/', request)).rejects.toMatchObject({ reason: 'host not found' });

    receiver = await startWebhookReceiver([200]);
    const tls = await loopbackOutbound().post(receiver.url.replace('http:', 'https:'), request).catch((err: { reason: string }) => err.reason);
    expect(tls).toBe('TLS failure (EPROTO)'); // an https request to a plain http server
    expect(receiver.received).toEqual([]);
  });

  it('refuses what the policy refuses before resolving anything', async () => {
    const lookup = answering([PUBLIC]);
    const client = new OutboundClient(new DestinationPolicy({ production: true }), { lookup });
    await expect(client.post('http://hooks.example.com/', request)).rejects.toMatchObject({ reason: 'refused: plain http in production (https only)' });
    await expect(client.post('not a url', request)).rejects.toMatchObject({ reason: 'refused: not a URL' });
    expect(await client.refusalOf(`https://127.0.0.1:${canary.port}/`)).toBe('loopback address 127.0.0.1 (ALERT_ALLOWED_HOSTS does not admit it)');
    expect(lookup.calls).toBe(0);
  });

  it('admits at subscription time a name that does not resolve yet: the connection is judged anyway', async () => {
    const client = new OutboundClient(strictPolicy(), { lookup: () => Promise.reject(Object.assign(new Error('nx'), { code: 'ENOTFOUND' })) });
    expect(await client.refusalOf('https://not-yet.example/hooks')).toBeUndefined();
  });
});
