import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FactoryProvider } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import { loadAppConfig, type AppConfig } from '@escalade/config';
import type { MicrosoftSupport } from '@escalade/microsoft-support';
import type { PartnerCenterCredentialStore } from '@escalade/persistence';
import { InMemoryRefreshTokenStore, startFakeEntra, type FakeEntra } from '@escalade/partner-center/testing';
import { microsoftSupportProvider } from './microsoft-support.provider';

describe('microsoftSupportProvider', () => {
  let entra: FakeEntra;
  let partnerCenter: Server;
  let partnerCenterUrl: string;
  let bearers: string[];

  const microsoftSupport = (env: NodeJS.ProcessEnv, store = new InMemoryRefreshTokenStore()): MicrosoftSupport => {
    const config = loadAppConfig({ MICROSOFT_SUPPORT: 'simulator', PARTNER_CENTER_URL: partnerCenterUrl, ...env });
    const configService = { get: (name: keyof AppConfig) => config[name] } as unknown as ConfigService<AppConfig, true>;
    return (microsoftSupportProvider as FactoryProvider<MicrosoftSupport>).useFactory(configService, store as unknown as PartnerCenterCredentialStore) as MicrosoftSupport;
  };

  beforeAll(async () => {
    entra = await startFakeEntra({ clientId: 'escalade-app', clientSecret: 'app-secret', refreshToken: 'consented' });
    partnerCenter = createServer((req, res) => {
      bearers.push(req.headers.authorization ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: '1', status: 'open', notes: [], lastModifiedDate: '2026-11-27T10:00:00Z' }));
    });
    await new Promise<void>((resolve) => partnerCenter.listen(0, '127.0.0.1', resolve));
    partnerCenterUrl = `http://127.0.0.1:${(partnerCenter.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await entra.close();
    partnerCenter.closeAllConnections();
    await new Promise((resolve) => partnerCenter.close(resolve));
  });
  beforeEach(() => (bearers = []));

  it('files with App+User tokens from Entra ID when the app credentials are configured', async () => {
    const store = new InMemoryRefreshTokenStore();
    const support = microsoftSupport(
      {
        PARTNER_CENTER_CLIENT_ID: 'escalade-app',
        PARTNER_CENTER_CLIENT_SECRET: 'app-secret',
        PARTNER_CENTER_TENANT_ID: 'contoso.onmicrosoft.com',
        PARTNER_CENTER_REFRESH_TOKEN: 'consented',
        ENTRA_AUTHORITY_URL: entra.authorityUrl,
        CREDENTIALS_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64'),
      },
      store,
    );

    await support.getProgress('1');

    expect(bearers).toEqual(['Bearer access-token-1']);
    expect(entra.requests[0].tenant).toBe('contoso.onmicrosoft.com');
    expect(store.tokens.get('contoso.onmicrosoft.com/escalade-app')?.refreshToken).toBe('refresh-token-1');
  });

  it('sends the static development token otherwise', async () => {
    await microsoftSupport({ PARTNER_CENTER_TOKEN: 'dev-token' }).getProgress('1');
    expect(bearers).toEqual(['Bearer dev-token']);
  });
});
