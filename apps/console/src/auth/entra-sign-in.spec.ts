import type { EntraSettings } from '@escalade/contract';
import { acceptAnswer, authorizeUrl, redirectUri, tokenRequest } from './entra-sign-in';

const ENTRA: EntraSettings = {
  clientId: '11111111-aaaa-4bbb-8ccc-222222222222',
  authority: 'https://login.microsoftonline.com',
  tenant: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  scope: 'api://escalade/access_as_user',
};
const REDIRECT = redirectUri('https://escalade.example');

describe('signing in with Entra ID (authorization code + PKCE)', () => {
  it("sends the browser to the tenant's authorize endpoint with the S256 challenge, the state and the API's scope", () => {
    const url = new URL(authorizeUrl(ENTRA, { state: 'st4te', challenge: 'ch4llenge', redirectUri: REDIRECT }));
    expect(`${url.origin}${url.pathname}`).toBe(`https://login.microsoftonline.com/${ENTRA.tenant}/oauth2/v2.0/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: ENTRA.clientId,
      response_type: 'code',
      response_mode: 'fragment',
      redirect_uri: 'https://escalade.example/sign-in',
      scope: 'openid profile offline_access api://escalade/access_as_user',
      state: 'st4te',
      code_challenge: 'ch4llenge',
      code_challenge_method: 'S256',
    });
  });

  it('redeems the code at the token endpoint with the verifier, as a public client (no secret)', () => {
    const { url, body } = tokenRequest(ENTRA, { code: 'c0de', verifier: 'ver1fier', redirectUri: REDIRECT });
    expect(url).toBe(`https://login.microsoftonline.com/${ENTRA.tenant}/oauth2/v2.0/token`);
    expect(Object.fromEntries(body)).toEqual({
      client_id: ENTRA.clientId,
      grant_type: 'authorization_code',
      code: 'c0de',
      redirect_uri: 'https://escalade.example/sign-in',
      code_verifier: 'ver1fier',
      scope: 'openid profile offline_access api://escalade/access_as_user',
    });
  });

  it('accepts only the answer to the sign-in this tab started', () => {
    const pending = { state: 'st4te', verifier: 'ver1fier', returnTo: '/sla' };
    expect(acceptAnswer(new URLSearchParams('code=c0de&state=st4te'), pending)).toEqual({ ...pending, code: 'c0de' });
    expect(() => acceptAnswer(new URLSearchParams('code=c0de&state=other'), pending)).toThrow(/not for a sign-in started in this tab/);
    expect(() => acceptAnswer(new URLSearchParams('code=c0de&state=st4te'), undefined)).toThrow(/not for a sign-in started in this tab/);
    expect(() => acceptAnswer(new URLSearchParams('state=st4te'), pending)).toThrow(/not for a sign-in started in this tab/);
  });

  it("says why Microsoft refused", () => {
    const refused = new URLSearchParams({ error: 'access_denied', error_description: 'AADSTS50105: not assigned to a role', state: 'st4te' });
    expect(() => acceptAnswer(refused, { state: 'st4te', verifier: 'v', returnTo: '/' })).toThrow(
      'Microsoft did not sign you in: AADSTS50105: not assigned to a role',
    );
  });
});
