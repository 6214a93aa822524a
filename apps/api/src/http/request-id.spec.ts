import { captureStdout, type CapturedStdout } from '@escalade/logging/testing';
import { startProbeApp, type ProbeApp } from './testing/probe-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('X-Request-Id (createApiApp)', () => {
  let probe: ProbeApp;
  let stdout: CapturedStdout;

  beforeAll(async () => {
    probe = await startProbeApp({ LOG_FORMAT: 'json' }, ['error']);
  });
  afterAll(() => probe?.close());

  beforeEach(() => {
    stdout = captureStdout();
  });
  afterEach(() => stdout.restore());

  it('gives every response a new UUID, errors and refusals included', async () => {
    const ids = [];
    for (const req of [probe.http().get('/probe'), probe.http().get('/nowhere'), probe.http().post('/probe').type('form').send('a=1')]) {
      const { headers } = await req;
      expect(headers['x-request-id']).toMatch(UUID);
      ids.push(headers['x-request-id']);
    }
    expect(new Set(ids).size).toBe(3);
  });

  it("keeps a caller's well-formed id", async () => {
    for (const id of ['4bf92f3577b34da6a3ce929d0e0e4736', 'req-2026.11.27:0001', '0f8fad5b-d9cb-469f-a165-70867728950e']) {
      await probe.http().get('/probe').set('x-request-id', id).expect('x-request-id', id);
    }
  });

  it('replaces an id that could forge a log line or flood it', async () => {
    for (const id of ['two words', 'a\tb', 'x'.repeat(129), '<script>', 'a;b=c', '']) {
      const { headers } = await probe.http().get('/probe').set('x-request-id', id);
      expect(headers['x-request-id']).toMatch(UUID);
    }
  });

  it.each([
    ['a request', () => probe.http().get('/bug')],
    ['a request whose JSON body was read from the socket first', () => probe.http().post('/bug').send({ title: 'x'.repeat(10_000) })],
  ])('names %s in the error log of its 500, whose body says nothing of the error', async (_what, send) => {
    const { headers, body } = await send().set('x-request-id', 'trace-500-bug').expect(500);

    expect(headers['x-request-id']).toBe('trace-500-bug');
    expect(body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' });
    const lines = stdout.lines().filter((line) => JSON.stringify(line).includes('secret internals'));
    expect(lines).toEqual([expect.objectContaining({ level: 'error', reqId: 'trace-500-bug', context: 'ApiExceptionFilter' })]);
  });
});
