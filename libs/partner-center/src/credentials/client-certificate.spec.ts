import { constants, createHash, verify, X509Certificate } from 'node:crypto';
import { ClientCertificate } from './client-certificate';
import { PartnerCenterCredentials } from './partner-center-credentials';
import { startFakeEntra } from './testing/fake-entra';
import { InMemoryRefreshTokenStore } from './testing/in-memory-refresh-token-store';
import { createTestCertificate, type TestCertificate } from './testing/test-certificate';

const CLIENT_ID = '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

describe('ClientCertificate', () => {
  let pem: TestCertificate;
  beforeAll(() => (pem = createTestCertificate()));

  it('signs a PS256 client assertion naming the certificate by its thumbprints, for the token endpoint only', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    const audience = 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token';

    const [header, claims, signature] = ClientCertificate.fromFiles(pem.certificatePath, pem.keyPath).assertion(CLIENT_ID, audience, now).split('.');

    const der = new X509Certificate(pem.certificatePem).raw;
    expect(decode(header)).toEqual({
      alg: 'PS256',
      typ: 'JWT',
      'x5t#S256': createHash('sha256').update(der).digest('base64url'),
      x5t: createHash('sha1').update(der).digest('base64url'),
    });
    expect(decode(claims)).toEqual({
      aud: audience,
      iss: CLIENT_ID,
      sub: CLIENT_ID,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      iat: now / 1000,
      nbf: now / 1000,
      exp: now / 1000 + 600,
    });
    const key = { key: new X509Certificate(pem.certificatePem).publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    expect(verify('sha256', Buffer.from(`${header}.${claims}`), key, Buffer.from(signature, 'base64url'))).toBe(true);
  });

  it('refuses a key that is not the certificate’s, naming the files but not their content', () => {
    const other = createTestCertificate('another-app');
    expect(() => ClientCertificate.fromFiles(pem.certificatePath, other.keyPath)).toThrow(
      `Invalid Partner Center client certificate (${pem.certificatePath}, key ${other.keyPath}): the private key does not belong to the certificate`,
    );
    expect(() => ClientCertificate.fromFiles('/nonexistent/client.pem', pem.keyPath)).toThrow(/cannot read \/nonexistent\/client\.pem/);
  });

  it('authenticates the app to Entra ID with an assertion instead of a secret', async () => {
    const entra = await startFakeEntra({ clientId: CLIENT_ID, certificatePem: pem.certificatePem, refreshToken: 'consented' });
    try {
      const credentials = new PartnerCenterCredentials({
        authorityUrl: entra.authorityUrl,
        tenantId: 'contoso.onmicrosoft.com',
        clientId: CLIENT_ID,
        credential: { certificate: ClientCertificate.fromFiles(pem.certificatePath, pem.keyPath) },
        refreshToken: 'consented',
        store: new InMemoryRefreshTokenStore(),
      });

      expect(await credentials.accessToken()).toBe('access-token-1');
      const form = entra.requests[0].form;
      expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      expect(form.has('client_secret')).toBe(false);
    } finally {
      await entra.close();
    }
  });
});
