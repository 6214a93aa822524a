import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { bodyLimitOf, DEFAULT_BODY_LIMIT, describeBytes } from './body-limits';
import { startProbeApp, type ProbeApp } from './testing/probe-app';

const KB = 1024;

/** A JSON object of exactly `bytes` bytes. */
const bodyOf = (bytes: number) => `{"text":"${'x'.repeat(bytes - '{"text":""}'.length)}"}`;

describe('body limits per route', () => {
  it.each([
    ['POST', '/service-requests', 128 * KB],
    ['post', '/Service-Requests/', 128 * KB],
    ['POST', '/eligibility/check', 128 * KB],
    ['POST', '/service-requests/INC-1/notes', 64 * KB],
    ['POST', '/service-requests/INC-1/close', 64 * KB],
    ['POST', '/auth/session', 32 * KB],
    ['POST', '/codec/decode', 4 * KB * KB],
    ['POST', '/alert-subscriptions', DEFAULT_BODY_LIMIT],
    ['PUT', '/partner-center/credentials', DEFAULT_BODY_LIMIT],
    ['PUT', '/service-requests', DEFAULT_BODY_LIMIT],
    ['POST', '/service-requests/INC-1/notes/extra', DEFAULT_BODY_LIMIT],
  ])('%s %s takes at most its limit', (method, path, bytes) => {
    expect(bodyLimitOf(method, path)).toBe(bytes);
  });

  it('says a limit as a person reads it', () => {
    expect([16 * KB, 4 * KB * KB, 1500].map(describeBytes)).toEqual(['16 kB', '4 MB', '1500 bytes']);
  });

  describe('in createApiApp', () => {
    let probe: ProbeApp;

    beforeAll(async () => {
      probe = await startProbeApp();
    });
    afterAll(() => probe?.close());

    const post = (path: string, body: string) => probe.http().post(path).set('content-type', 'application/json').send(body);

    it.each([
      ['/service-requests', 128 * KB, '128 kB'],
      ['/service-requests/INC-1/notes', 64 * KB, '64 kB'],
      ['/alert-subscriptions', 16 * KB, '16 kB'],
    ])('reads a body of up to the limit of POST %s, and refuses one byte more with a 413 naming it', async (path, limit, named) => {
      await post(path, bodyOf(limit)).expect(201);

      const { body } = await post(path, bodyOf(limit + 1)).expect(413);

      expect(body).toEqual({
        statusCode: 413,
        error: 'Payload Too Large',
        message: 'Invalid request: body',
        errors: [{ field: 'body', problems: [`body must be at most ${named}, the limit of POST on this route`] }],
      });
    });

    it('refuses a chunked body past the limit too, with no Content-Length to go by', async () => {
      await probe.app.listen(0, '127.0.0.1');
      const { port } = probe.app.getHttpServer().address() as AddressInfo;
      const answer = await new Promise<{ status?: number; text: string }>((resolve, reject) => {
        // Written in two parts without a Content-Length: node sends it chunked.
        const req = http.request(`http://127.0.0.1:${port}/alert-subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json' } });
        req.on('response', (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk)).on('end', () => resolve({ status: res.statusCode, text }));
        });
        req.on('error', reject);
        const text = bodyOf(20 * KB);
        req.write(text.slice(0, 10 * KB));
        req.end(text.slice(10 * KB));
      });
      expect(answer.status).toBe(413);
      expect(answer.text).toContain('body must be at most 16 kB');
    });
  });
});
