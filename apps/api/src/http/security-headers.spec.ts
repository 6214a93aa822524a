import { consolePolicy, docsPolicy } from './security-headers';
import { startProbeApp, type ProbeApp } from './testing/probe-app';

/** A Content-Security-Policy header as its directives. */
function directives(header: string | undefined): Record<string, string[]> {
  expect(header).toBeDefined();
  return Object.fromEntries(
    (header as string)
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name, values]),
  );
}

describe('security headers (helmet, on every response of createApiApp)', () => {
  let probe: ProbeApp;

  beforeAll(async () => {
    probe = await startProbeApp({ TEMPORAL_UI_URL: 'http://127.0.0.1:8233' });
  });
  afterAll(() => probe?.close());

  it.each([
    ['an answer', '/probe', 200],
    ['a 404', '/nowhere', 404],
    ['a 500', '/bug', 500],
  ])('sends the strict policy and no framework banner on %s', async (_what, path, status) => {
    const { headers } = await probe.http().get(path).expect(status);

    expect(headers['x-powered-by']).toBeUndefined();
    expect(directives(headers['content-security-policy'])).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'script-src-attr': ["'none'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    });
    expect(headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'strict-transport-security': expect.stringContaining('max-age='),
    });
  });

  it("relaxes only style-src for Swagger UI's page, whose scripts are files", async () => {
    const { headers, text } = await probe.http().get('/docs').expect(200);

    const policy = directives(headers['content-security-policy']);
    expect(policy['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(text).not.toMatch(/<script>/); // every script of the page is a file: nothing inline that script-src would block
    const initScript = await probe.http().get('/docs/swagger-ui-init.js').expect(200);
    expect(directives(initScript.headers['content-security-policy'])['style-src']).toContain("'unsafe-inline'");
  });

  it("lets the console's scripts reach Entra ID's token endpoint when Entra sign-in is configured, and upgrades requests in production", () => {
    const entra = consolePolicy({ production: true, entraAuthorityOrigin: 'https://login.microsoftonline.com', trustedOrigins: [] });
    expect(entra['connect-src']).toEqual(["'self'", 'https://login.microsoftonline.com']);
    expect(entra['upgrade-insecure-requests']).toEqual([]);

    const local = consolePolicy({ production: false, trustedOrigins: [] });
    expect(local['connect-src']).toEqual(["'self'"]);
    expect(local).not.toHaveProperty('upgrade-insecure-requests');
    for (const policy of [entra, local, docsPolicy({ production: false, trustedOrigins: [] })]) {
      expect(policy['script-src']).toEqual(["'self'"]);
      expect(Object.values(policy).flat()).not.toContain("'unsafe-eval'");
    }
  });

  it('takes the Entra origin from ENTRA_AUTHORITY_URL in a configured app', async () => {
    const entra = await startProbeApp({
      ENTRA_CLIENT_ID: 'escalade-test',
      ENTRA_ALLOWED_TENANTS: '11111111-1111-1111-1111-111111111111',
      ENTRA_AUTHORITY_URL: 'https://login.example.com/some/path/',
    });
    try {
      const { headers } = await entra.http().get('/probe').expect(200);
      expect(directives(headers['content-security-policy'])['connect-src']).toEqual(["'self'", 'https://login.example.com']);
    } finally {
      await entra.close();
    }
  });
});
