import { startProbeApp, type ProbeApp } from './testing/probe-app';

const TEMPORAL_UI = 'http://127.0.0.1:8233';

describe('cross-origin writes (createApiApp, TEMPORAL_UI_URL configured)', () => {
  let probe: ProbeApp;
  let own: string;

  beforeAll(async () => {
    probe = await startProbeApp({ TEMPORAL_UI_URL: `${TEMPORAL_UI}/namespaces/default` });
    await probe.app.listen(0, '127.0.0.1');
    own = await probe.app.getUrl();
  });
  afterAll(() => probe?.close());

  const write = (method: 'post' | 'put' | 'patch' | 'delete', headers: Record<string, string>) => {
    const req = probe.http()[method]('/probe');
    for (const [name, value] of Object.entries(headers)) req.set(name, value);
    return req;
  };

  it.each([
    ['no Origin (curl, a server)', {}],
    ["the API's own origin (the console)", () => ({ origin: own })],
    ["the Temporal Web UI's origin (the codec endpoint)", { origin: TEMPORAL_UI }],
    ['a same-origin fetch that says so', () => ({ origin: own, 'sec-fetch-site': 'same-origin' })],
    ['no Origin from the same site', { 'sec-fetch-site': 'same-site' }],
  ])('takes a write with %s', async (_what, headers) => {
    await write('post', typeof headers === 'function' ? headers() : headers).expect(201, { ok: true });
  });

  it.each(['post', 'put', 'patch', 'delete'] as const)('refuses a %s from another site with a 403 naming the rule', async (method) => {
    const { body } = await write(method, { origin: 'https://evil.example' }).expect(403);
    expect(body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: expect.stringMatching(/^Cross-origin request refused \(from https:\/\/evil\.example\): state-changing requests .* never from another site$/),
    });
  });

  it.each([
    ['another port of the same host', () => own.replace(/:\d+$/, ':1')],
    ['an opaque origin (a sandboxed frame, a file)', () => 'null'],
    ['an origin that is no URL', () => 'not a url'],
    ['a look-alike of the Temporal UI', () => 'http://127.0.0.1:8233.evil.example'],
  ])('refuses a write from %s', async (_what, origin) => {
    const { body } = await write('post', { origin: origin() }).expect(403);
    expect(body.message).toContain('Cross-origin request refused');
  });

  it('refuses a cross-site write without Origin that says where it comes from', async () => {
    const { body } = await write('post', { 'sec-fetch-site': 'cross-site' }).expect(403);
    expect(body.message).toContain('Sec-Fetch-Site: cross-site');
  });

  it("refuses another site's form post before reading its body: a 403, not the 415 of its media type", async () => {
    await probe.http().post('/probe').set('origin', 'https://evil.example').type('form').send('name=x').expect(403);
  });

  it('lets reads through from anywhere: CORS keeps other sites from reading the answers', async () => {
    await probe.http().get('/probe').set('origin', 'https://evil.example').expect(200);
  });

  it('takes no X-Forwarded-Host from a proxy it was not told to trust', async () => {
    await write('post', { origin: 'https://escalade.example', 'x-forwarded-host': 'escalade.example' }).expect(403);
  });
});

describe('cross-origin writes behind a trusted proxy (TRUST_PROXY)', () => {
  let probe: ProbeApp;

  beforeAll(async () => {
    probe = await startProbeApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => probe?.close());

  it("knows the API's own origin by the host the proxy says the browser asked for, over https", async () => {
    const fromConsole = { origin: 'https://escalade.example', 'x-forwarded-host': 'escalade.example', 'x-forwarded-proto': 'https' };
    await probe.http().post('/probe').set(fromConsole).expect(201);
    await probe.http().post('/probe').set({ ...fromConsole, origin: 'https://evil.example' }).expect(403);
  });
});
