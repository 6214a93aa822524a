// What a Partner Center client built on @azure/msal-node needs to renew its tokens against the simulator: MSAL refuses
// an http:// authority, so the client keeps an https authority and hands MSAL a network client that sends the
// requests to the simulator instead.
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import {
  type AuthenticationResult,
  ConfidentialClientApplication,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import {
  PARTNER_CENTER_RESOURCE,
  SIMULATOR_CLIENT_ID,
  SIMULATOR_CLIENT_SECRET,
  SIMULATOR_REFRESH_TOKEN,
  SIMULATOR_TENANT_ID,
} from '../config/simulator-credentials';
import { SIMULATOR_TEST_CERTIFICATE_KEY_PATH, SIMULATOR_TEST_CERTIFICATE_PATH } from '../testing/test-certificate';
import { startSimulator, type RunningSimulator } from '../testing/start-simulator';

const SCOPES = [`${PARTNER_CENTER_RESOURCE}/.default`];
const ENTRA_HOST = 'login.microsoftonline.com';
const OTHER_HOST = 'login.simulator.test';

/** MSAL's network client, sending what it asks of `https://{host}` to the simulator; it notes every URL asked for. */
function networkTo(hosts: string[], baseUrl: string, asked: string[]): INetworkModule {
  async function send<T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    asked.push(`${method} ${url.replace(/\?.*/, '')}`);
    const target = hosts.reduce((to, host) => to.replace(`https://${host}/`, `${baseUrl}/`), url);
    const response = await fetch(target, { method, headers: options?.headers, body: options?.body });
    return { status: response.status, headers: Object.fromEntries(response.headers), body: (await response.json()) as T };
  }
  return {
    sendGetRequestAsync: (url, options) => send('GET', url, options),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}

function accessTokenOf(result: AuthenticationResult | null): string {
  if (!result) throw new Error('MSAL answered no result');
  return result.accessToken;
}

describe('@azure/msal-node renewing Partner Center tokens at the simulator', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => (simulator = await startSimulator({ SIMULATOR_CLIENT_CERTIFICATE_PATH: SIMULATOR_TEST_CERTIFICATE_PATH })));
  afterAll(() => simulator.app.close());

  const supportTopicsWith = (accessToken: string) =>
    fetch(`${simulator.baseUrl}/v1/servicerequests/supporttopics`, { headers: { Authorization: `Bearer ${accessToken}` } });

  it('refuses an http:// authority (authority_uri_insecure) before sending anything', async () => {
    const msal = new ConfidentialClientApplication({
      auth: { clientId: SIMULATOR_CLIENT_ID, clientSecret: SIMULATOR_CLIENT_SECRET, authority: `${simulator.baseUrl}/${SIMULATOR_TENANT_ID}` },
    });
    await expect(msal.acquireTokenByRefreshToken({ refreshToken: SIMULATOR_REFRESH_TOKEN, scopes: SCOPES })).rejects.toMatchObject({
      errorCode: 'authority_uri_insecure',
    });
  });

  it("with Entra's own authority and a secret: one POST to the token endpoint, no discovery; the rotated refresh token is only in MSAL's cache", async () => {
    const asked: string[] = [];
    const msal = new ConfidentialClientApplication({
      auth: { clientId: SIMULATOR_CLIENT_ID, clientSecret: SIMULATOR_CLIENT_SECRET, authority: `https://${ENTRA_HOST}/${SIMULATOR_TENANT_ID}` },
      system: { networkClient: networkTo([ENTRA_HOST], simulator.baseUrl, asked) },
    });
    const result = await msal.acquireTokenByRefreshToken({ refreshToken: SIMULATOR_REFRESH_TOKEN, scopes: SCOPES });

    expect(asked).toEqual([`POST https://${ENTRA_HOST}/${SIMULATOR_TENANT_ID}/oauth2/v2.0/token`]);
    expect((await supportTopicsWith(accessTokenOf(result))).status).toBe(200);
    expect(result).not.toHaveProperty('refreshToken');
    const cachedRefreshTokens = Object.values(JSON.parse(msal.getTokenCache().serialize()).RefreshToken) as Array<{ secret: string }>;
    expect(cachedRefreshTokens.map((token) => token.secret)).toEqual([expect.not.stringMatching(SIMULATOR_REFRESH_TOKEN)]);
  });

  /** A client whose authority is on another host than Entra's, authenticating with the test certificate. */
  function certificateClient(networkClient: INetworkModule, knownAuthorities: string[]) {
    return new ConfidentialClientApplication({
      auth: {
        clientId: SIMULATOR_CLIENT_ID,
        clientCertificate: {
          thumbprintSha256: new X509Certificate(readFileSync(SIMULATOR_TEST_CERTIFICATE_PATH)).fingerprint256.replace(/:/g, ''),
          privateKey: readFileSync(SIMULATOR_TEST_CERTIFICATE_KEY_PATH, 'utf8'),
        },
        authority: `https://${OTHER_HOST}/${SIMULATOR_TENANT_ID}`,
        knownAuthorities,
      },
      system: { networkClient },
    });
  }

  it('with a certificate (PS256 assertion) and an authority on another host: the discovery documents, then the token endpoint they name', async () => {
    const tokenEndpoint = `POST ${simulator.baseUrl}/${SIMULATOR_TENANT_ID}/oauth2/v2.0/token`;
    const openIdConfiguration = `GET https://${OTHER_HOST}/${SIMULATOR_TENANT_ID}/v2.0/.well-known/openid-configuration`;

    const known: string[] = [];
    const result = await certificateClient(networkTo([OTHER_HOST], simulator.baseUrl, known), [OTHER_HOST]).acquireTokenByRefreshToken({
      refreshToken: SIMULATOR_REFRESH_TOKEN,
      scopes: SCOPES,
    });
    expect(known).toEqual([openIdConfiguration, tokenEndpoint]);
    expect((await supportTopicsWith(accessTokenOf(result))).status).toBe(200);

    const discovered: string[] = [];
    await certificateClient(networkTo([ENTRA_HOST, OTHER_HOST], simulator.baseUrl, discovered), []).acquireTokenByRefreshToken({
      refreshToken: SIMULATOR_REFRESH_TOKEN,
      scopes: SCOPES,
    });
    expect(discovered).toEqual([`GET https://${ENTRA_HOST}/common/discovery/instance`, openIdConfiguration, tokenEndpoint]);
  });
});
