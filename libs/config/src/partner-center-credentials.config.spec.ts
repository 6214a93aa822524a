import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadAppConfig } from './app-config';
import { problemsOf } from './testing/config-problems';

const KEY = Buffer.alloc(32, 7).toString('base64');
const SECRET = 'app-secret-value';
const REFRESH_TOKEN = 'refresh-token-value';
const APP = {
  MICROSOFT_SUPPORT: 'partner-center',
  PARTNER_CENTER_CLIENT_ID: '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  PARTNER_CENTER_CLIENT_SECRET: SECRET,
  PARTNER_CENTER_TENANT_ID: '9a3c1f52-7d4e-4b8a-9c61-2e5f8d7b3a10',
  PARTNER_CENTER_REFRESH_TOKEN: REFRESH_TOKEN,
  CREDENTIALS_ENCRYPTION_KEY: KEY,
};

describe('Partner Center credentials configuration', () => {
  it('takes the app credentials with a client secret, with defaults for Entra ID, the scope and the renewal skew', () => {
    expect(loadAppConfig({ ...APP, NODE_ENV: 'production' })).toMatchObject({
      ...APP,
      ENTRA_AUTHORITY_URL: 'https://login.microsoftonline.com',
      PARTNER_CENTER_SCOPE: 'https://api.partnercenter.microsoft.com/.default offline_access',
      PARTNER_CENTER_TOKEN_RENEWAL_SKEW_MS: 300_000,
    });
  });

  it('takes a certificate and its key instead of a secret, when both files can be read', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-cert-'));
    const [certificate, key] = ['client.crt.pem', 'client.key.pem'].map((name) => path.join(dir, name));
    fs.writeFileSync(certificate, 'certificate');
    fs.writeFileSync(key, 'key');
    const env = { ...APP, PARTNER_CENTER_CLIENT_SECRET: undefined, PARTNER_CENTER_CLIENT_CERTIFICATE_PATH: certificate, PARTNER_CENTER_CLIENT_KEY_PATH: key };

    expect(loadAppConfig(env)).toMatchObject({ PARTNER_CENTER_CLIENT_CERTIFICATE_PATH: certificate, PARTNER_CENTER_CLIENT_KEY_PATH: key });
    expect(problemsOf({ ...env, PARTNER_CENTER_CLIENT_KEY_PATH: path.join(dir, 'missing.pem') })).toEqual([
      'PARTNER_CENTER_CLIENT_KEY_PATH: cannot read this file',
    ]);
    expect(problemsOf({ ...env, PARTNER_CENTER_CLIENT_KEY_PATH: undefined })).toEqual([
      'PARTNER_CENTER_CLIENT_KEY_PATH: is required with PARTNER_CENTER_CLIENT_CERTIFICATE_PATH',
    ]);
    expect(problemsOf({ ...env, PARTNER_CENTER_CLIENT_SECRET: SECRET })).toEqual([
      'PARTNER_CENTER_CLIENT_SECRET: give either a client secret or a certificate (PARTNER_CENTER_CLIENT_CERTIFICATE_PATH), not both',
    ]);
  });

  it('names every missing part of incomplete app credentials, in any mode', () => {
    expect(problemsOf({ MICROSOFT_SUPPORT: 'simulator', PARTNER_CENTER_CLIENT_ID: 'app' })).toEqual([
      'PARTNER_CENTER_TENANT_ID: is required with the Partner Center app credentials',
      'PARTNER_CENTER_REFRESH_TOKEN: is required with the Partner Center app credentials',
      'PARTNER_CENTER_CLIENT_SECRET: is required with the Partner Center app credentials, unless PARTNER_CENTER_CLIENT_CERTIFICATE_PATH and PARTNER_CENTER_CLIENT_KEY_PATH are set',
    ]);
  });

  it("needs no encryption key of its own outside production: the refresh token is sealed with the data folder's key", () => {
    expect(loadAppConfig({ ...APP, CREDENTIALS_ENCRYPTION_KEY: undefined })).toMatchObject({ CREDENTIALS_ENCRYPTION_KEY: undefined, SECRETS_ENCRYPTION_KEY: undefined });
  });

  it('refuses a static token in production, and requires the app credentials there', () => {
    expect(problemsOf({ NODE_ENV: 'production', SECRETS_ENCRYPTION_KEY: KEY, MICROSOFT_SUPPORT: 'partner-center', PARTNER_CENTER_TOKEN: 'static-token' })).toEqual([
      'PARTNER_CENTER_TOKEN: is for development only, refused with NODE_ENV=production: configure the Partner Center app credentials',
      expect.stringMatching(/^PARTNER_CENTER_CLIENT_ID: the Partner Center app credentials are required when MICROSOFT_SUPPORT=partner-center \(.*\)$/),
    ]);
  });

  it('checks the encryption key, the tenant id and the authority, and never prints a secret', () => {
    const problems = problemsOf({
      ...APP,
      CREDENTIALS_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64'),
      PARTNER_CENTER_TENANT_ID: 'not a tenant',
      ENTRA_AUTHORITY_URL: 'http://login.example.com',
      PARTNER_CENTER_TOKEN_RENEWAL_SKEW_MS: '-5',
    });

    expect(problems).toEqual([
      'PARTNER_CENTER_TENANT_ID: must be the tenant id (a GUID) or a domain such as contoso.onmicrosoft.com',
      'PARTNER_CENTER_TOKEN_RENEWAL_SKEW_MS: Number must be greater than or equal to 0',
      'CREDENTIALS_ENCRYPTION_KEY: must be 32 bytes in base64 (openssl rand -base64 32)',
      'ENTRA_AUTHORITY_URL: must be https (plain http only to the simulator: on loopback, or at its container with LOCAL_CONTAINER_STACK=true outside production)',
    ]);
    expect(problems.join('\n')).not.toContain(Buffer.alloc(16).toString('base64'));
  });

  it('accepts the simulator as the authority on loopback, and a tenant domain', () => {
    const config = loadAppConfig({ ...APP, MICROSOFT_SUPPORT: 'simulator', ENTRA_AUTHORITY_URL: 'http://127.0.0.1:3100', PARTNER_CENTER_TENANT_ID: 'contoso.onmicrosoft.com' });
    expect(config).toMatchObject({ ENTRA_AUTHORITY_URL: 'http://127.0.0.1:3100', PARTNER_CENTER_TENANT_ID: 'contoso.onmicrosoft.com' });
  });
});
