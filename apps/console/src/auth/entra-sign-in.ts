// Entra ID sign-in for a single-page app: the authorization code flow with PKCE, without a library. The console is a
// public client (no secret); Entra answers its token endpoint cross-origin for redirect URIs registered as "SPA".
import type { EntraSettings } from '@escalade/contract';
import { SIGN_IN_PATH } from '../routing/routes';
import { codeChallenge, randomToken } from './pkce';

/** What the tab remembers between leaving for Microsoft and coming back (sessionStorage: this tab only). */
export interface PendingSignIn {
  state: string;
  verifier: string;
  returnTo: string;
}

const PENDING_KEY = 'escalade.sign-in';

const endpoint = (entra: EntraSettings, name: 'authorize' | 'token') => `${entra.authority}/${entra.tenant}/oauth2/v2.0/${name}`;

/** The sign-in page is the redirect URI: register `<console origin>/sign-in` as an SPA redirect URI of the app. */
export const redirectUri = (origin: string): string => `${origin}${SIGN_IN_PATH}`;

/**
 * Where the browser signs in. The answer comes back in the fragment (`response_mode=fragment`), which never reaches
 * a server's logs, like the local admin key's link.
 */
export function authorizeUrl(entra: EntraSettings, request: { state: string; challenge: string; redirectUri: string }): string {
  const query = new URLSearchParams({
    client_id: entra.clientId,
    response_type: 'code',
    response_mode: 'fragment',
    redirect_uri: request.redirectUri,
    scope: `openid profile offline_access ${entra.scope}`,
    state: request.state,
    code_challenge: request.challenge,
    code_challenge_method: 'S256',
  });
  return `${endpoint(entra, 'authorize')}?${query}`;
}

/** Redeeming the code: only the verifier that made the challenge gets a token for it. */
export function tokenRequest(entra: EntraSettings, answer: { code: string; verifier: string; redirectUri: string }) {
  const body = new URLSearchParams({
    client_id: entra.clientId,
    grant_type: 'authorization_code',
    code: answer.code,
    redirect_uri: answer.redirectUri,
    code_verifier: answer.verifier,
    scope: `openid profile offline_access ${entra.scope}`,
  });
  return { url: endpoint(entra, 'token'), body };
}

/** Leaves for Microsoft's sign-in page, remembering the verifier, the state and where to come back to. */
export async function startEntraSignIn(entra: EntraSettings, returnTo: string): Promise<void> {
  const pending: PendingSignIn = { state: randomToken(16), verifier: randomToken(32), returnTo };
  const challenge = await codeChallenge(pending.verifier);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  location.assign(authorizeUrl(entra, { state: pending.state, challenge, redirectUri: redirectUri(location.origin) }));
}

/** Microsoft's answer, if it answers the sign-in this tab started (the state matches): its code with the pending sign-in. */
export function acceptAnswer(answer: URLSearchParams, pending: PendingSignIn | undefined): PendingSignIn & { code: string } {
  const error = answer.get('error');
  if (error) throw new Error(`Microsoft did not sign you in: ${answer.get('error_description') ?? error}`);
  const code = answer.get('code');
  if (!code || !pending || answer.get('state') !== pending.state) {
    throw new Error('This sign-in answer is not for a sign-in started in this tab: sign in again');
  }
  return { ...pending, code };
}

/** Back from Microsoft with `answer` (the fragment's parameters): the access token for the API, and where to go. */
export async function finishEntraSignIn(entra: EntraSettings, answer: URLSearchParams): Promise<{ accessToken: string; returnTo: string }> {
  const stored = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const pending = stored ? (JSON.parse(stored) as PendingSignIn) : undefined;
  const { code, verifier, returnTo } = acceptAnswer(answer, pending);
  const { url, body } = tokenRequest(entra, { code, verifier, redirectUri: redirectUri(location.origin) });
  const response = await fetch(url, { method: 'POST', body, credentials: 'omit' });
  const tokens = (await response.json().catch(() => ({}))) as { access_token?: unknown; error?: string; error_description?: string };
  if (!response.ok || typeof tokens.access_token !== 'string') {
    throw new Error(`Microsoft issued no token: ${tokens.error_description ?? tokens.error ?? `it answered ${response.status}`}`);
  }
  return { accessToken: tokens.access_token, returnTo };
}
