import {
  SIMULATOR_CLIENT_ID,
  SIMULATOR_CLIENT_SECRET,
  SIMULATOR_REFRESH_TOKEN,
  SIMULATOR_TENANT_ID,
} from '@escalade/ms-simulator';
import {
  SIMULATOR_TEST_CERTIFICATE_KEY_PATH,
  SIMULATOR_TEST_CERTIFICATE_PATH,
  startSimulator,
  type RunningSimulator,
} from '@escalade/ms-simulator/testing';
import { PartnerCenterClient } from '../partner-center.client';
import { PartnerCenterCredentialsError } from '../partner-center.errors';
import { ClientCertificate } from './client-certificate';
import type { ClientCredential } from './entra-token-endpoint';
import { PartnerCenterCredentials } from './partner-center-credentials';
import { InMemoryRefreshTokenStore } from './testing/in-memory-refresh-token-store';

/** Our credentials against the simulator's Entra ID and Partner Center: two independent readings of Microsoft's docs. */
describe('PartnerCenterCredentials against the simulator', () => {
  let simulator: RunningSimulator;
  let store: InMemoryRefreshTokenStore;
  const credentialsWith = (credential: ClientCredential, options: { refreshToken?: string; now?: () => number } = {}) =>
    new PartnerCenterCredentials({
      authorityUrl: simulator.baseUrl,
      tenantId: SIMULATOR_TENANT_ID,
      clientId: SIMULATOR_CLIENT_ID,
      credential,
      refreshToken: options.refreshToken ?? SIMULATOR_REFRESH_TOKEN,
      store,
      now: options.now,
    });
  const clientOf = (credentials: PartnerCenterCredentials) =>
    new PartnerCenterClient({ baseUrl: simulator.baseUrl, agentLocale: 'en-US', tokenProvider: credentials });

  beforeAll(async () => {
    simulator = await startSimulator({ SIMULATOR_ACCESS_TOKEN_LIFETIME_SECONDS: '2', SIMULATOR_CLIENT_CERTIFICATE_PATH: SIMULATOR_TEST_CERTIFICATE_PATH });
  });
  afterAll(() => simulator.app.close());
  beforeEach(() => (store = new InMemoryRefreshTokenStore()));

  it.each([
    ['a client secret', () => ({ clientSecret: SIMULATOR_CLIENT_SECRET })],
    ['a certificate', () => ({ certificate: ClientCertificate.fromFiles(SIMULATOR_TEST_CERTIFICATE_PATH, SIMULATOR_TEST_CERTIFICATE_KEY_PATH) })],
  ])('gets App+User tokens Partner Center takes, with %s, across renewals of short-lived tokens', async (_name, credential) => {
    const credentials = credentialsWith(credential());
    const client = clientOf(credentials);

    await client.listSupportTopics();
    const first = await credentials.accessToken();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await client.listSupportTopics();

    expect(await credentials.accessToken()).not.toBe(first);
    expect(store.tokens.get(`${SIMULATOR_TENANT_ID}/${SIMULATOR_CLIENT_ID}`)?.refreshToken).not.toBe(SIMULATOR_REFRESH_TOKEN);
    expect(credentials.status()).toMatchObject({ state: 'ok' });
  });

  it('renews and retries when Partner Center answers 401 to an expired token', async () => {
    const frozen = Date.now();
    const credentials = credentialsWith({ clientSecret: SIMULATOR_CLIENT_SECRET }, { now: () => frozen });
    const client = clientOf(credentials);
    await client.listSupportTopics();
    const expired = await credentials.accessToken();

    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await client.listSupportTopics();

    expect(await credentials.accessToken()).not.toBe(expired);
  });

  it('reports a refresh token the simulator never issued as refused credentials', async () => {
    const credentials = credentialsWith({ clientSecret: SIMULATOR_CLIENT_SECRET }, { refreshToken: 'not-from-consent' });

    const err = await clientOf(credentials).listSupportTopics().catch((error: unknown) => error);

    expect(err).toBeInstanceOf(PartnerCenterCredentialsError);
    expect(err).toMatchObject({ failure: 'renewal-refused', error: 'invalid_grant' });
    expect(credentials.status()).toMatchObject({ state: 'failing' });
  });
});
