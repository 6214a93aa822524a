import {
  PARTNER_CENTER_SCOPE,
  SIMULATOR_CLIENT_ID,
  SIMULATOR_CLIENT_SECRET,
  SIMULATOR_REFRESH_TOKEN,
  SIMULATOR_TENANT_ID,
} from '../config/simulator-credentials';

/** The form of a refresh-token grant with the default registration's secret; `overrides` set or (undefined) drop fields. */
export function aRefreshGrant(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const fields: Record<string, string | undefined> = {
    grant_type: 'refresh_token',
    client_id: SIMULATOR_CLIENT_ID,
    client_secret: SIMULATOR_CLIENT_SECRET,
    refresh_token: SIMULATOR_REFRESH_TOKEN,
    scope: PARTNER_CENTER_SCOPE,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** POSTs the form to the simulator's token endpoint, form-encoded as Entra ID takes it. */
export function requestToken(baseUrl: string, form: Record<string, string>, tenant: string = SIMULATOR_TENANT_ID): Promise<Response> {
  return fetch(`${baseUrl}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
}
